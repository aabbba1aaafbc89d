package dev.gantry.operator.rollout;

import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.render.Labels;
import dev.gantry.operator.render.Routing;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides the next state of a rollout. The {@code Rolling} strategy: a changed spec creates
 * the new revision at full size beside the stable one; once all its replicas are Ready it
 * becomes stable and the old revision is scaled to zero, kept for a fast undo. A revision
 * that is neither stable, new, nor the previous stable is deleted.
 */
public final class RolloutPlanner {

  private RolloutPlanner() {}

  public static RolloutPlan plan(RolloutInput in) {
    MicroserviceStatus old = in.status();
    String wanted = in.revision();
    int size = in.spec().desiredReplicas();
    String stable = observedOrNull(in, old.stableRevision());
    String previous = observedOrNull(in, old.previousRevision());
    RevisionObservation next = in.observed().get(wanted);
    boolean nextReady = next != null && next.readyAt(size);

    Map<String, Integer> replicas = new LinkedHashMap<>();
    Phase phase;
    String message;
    String canary = null;

    if (stable == null || stable.equals(wanted)) {
      // First deployment, or nothing to replace: run the wanted revision at full size.
      replicas.put(wanted, size);
      if (nextReady) {
        stable = wanted;
        phase = Phase.Healthy;
        message = "revision " + wanted + " serves with " + size + "/" + size + " replicas ready";
      } else if (stable == null) {
        phase = Phase.Pending;
        message = "starting revision " + wanted + ": " + ready(next) + "/" + size + " replicas ready";
      } else if (next != null && next.settled() && next.replicas() == size) {
        phase = Phase.Degraded;
        message = "revision " + wanted + " has " + ready(next) + "/" + size + " replicas ready";
      } else {
        phase = Phase.Progressing;
        message = "scaling revision " + wanted + " to " + size + " replicas";
      }
    } else if (nextReady) {
      // The new revision is Ready: it becomes stable, the old one is kept at zero for undo.
      previous = stable;
      stable = wanted;
      replicas.put(wanted, size);
      phase = Phase.Healthy;
      message = "revision " + wanted + " replaced " + previous + " and serves with "
          + size + "/" + size + " replicas ready";
    } else {
      replicas.put(wanted, size);
      replicas.put(stable, size);
      canary = wanted;
      if (next != null && next.progressDeadlineExceeded()) {
        phase = Phase.Degraded;
        message = "revision " + wanted + " did not become ready in time (" + ready(next) + "/" + size
            + " ready); revision " + stable + " keeps serving";
      } else {
        phase = Phase.Progressing;
        message = "rolling out revision " + wanted + ": " + ready(next) + "/" + size
            + " replicas ready; revision " + stable + " serves";
      }
    }
    if (previous != null && !replicas.containsKey(previous)) {
      replicas.put(previous, 0);
    }

    String serving = stable != null ? stable : wanted;
    RevisionObservation servingObs = in.observed().get(serving);
    MicroserviceStatus status = new MicroserviceStatus(
        phase,
        in.generation(),
        stable,
        canary,
        previous != null && !previous.equals(stable) ? previous : null,
        canary != null ? 0 : null,
        null,
        servingObs == null ? 0 : servingObs.replicas(),
        ready(servingObs),
        Labels.selectorString(Labels.revisionSelector(in.name(), serving)),
        old.conditions(),
        message);
    return new RolloutPlan(replicas, wanted, Routing.allTo(serving), status, Optional.empty());
  }

  private static String observedOrNull(RolloutInput in, String revision) {
    return revision != null && in.observed().containsKey(revision) ? revision : null;
  }

  private static int ready(RevisionObservation observation) {
    return observation == null ? 0 : observation.readyReplicas();
  }
}
