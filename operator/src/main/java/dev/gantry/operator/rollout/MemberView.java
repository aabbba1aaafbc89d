package dev.gantry.operator.rollout;

import dev.gantry.operator.api.AnalysisStatus;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import java.util.List;
import java.util.Objects;

/**
 * A release group's member as the group sees it: what it serves, rolls out and waits to release, as
 * its own status says.
 *
 * @param waiting the revision its spec asks for and that waits for the group to release it
 * @param held a revision it holds back (aborted, or left by an undo)
 * @param current its status reflects its latest spec
 */
public record MemberView(
    String name,
    List<String> dependsOn,
    String stable,
    String canary,
    int canaryWeight,
    boolean canaryReady,
    String waiting,
    String held,
    String previous,
    Phase phase,
    AnalysisStatus analysis,
    boolean current) {

  public MemberView {
    dependsOn = List.copyOf(dependsOn);
  }

  public static MemberView of(Microservice ms) {
    MicroserviceStatus s = Objects.requireNonNullElse(ms.getStatus(), MicroserviceStatus.EMPTY);
    return new MemberView(
        ms.getMetadata().getName(),
        ms.getSpec().dependsOn(),
        s.stableRevision(),
        s.canaryRevision(),
        s.canaryWeight() == null ? 0 : s.canaryWeight(),
        s.canaryReplicas() != null
            && s.canaryReadyReplicas() != null
            && s.canaryReadyReplicas() >= s.canaryReplicas(),
        s.queuedRevision(),
        s.rolloutState().heldRevision(),
        s.previousRevision(),
        s.phase(),
        s.analysis(),
        Objects.equals(ms.getMetadata().getGeneration(), s.observedGeneration()));
  }
}
