package dev.gantry.operator.dashboard;

import dev.gantry.operator.api.CanaryStep;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Rollout;
import java.util.List;
import java.util.Locale;

/**
 * One Microservice as a line of the release list: what a release manager scans for.
 *
 * @param stepsDone steps behind the rollout, of {@code stepsTotal}; both 0 without a canary in
 *     progress
 * @param canaryWeight percent of traffic on the canary, null without one
 * @param readyReplicas ready pods of the stable revision, of {@code desiredReplicas}
 * @param canaryReadyReplicas ready pods of the canary, null without one
 */
public record ServiceRow(
    String namespace,
    String name,
    String phase,
    String strategy,
    String stableRevision,
    String canaryRevision,
    Integer canaryWeight,
    int stepsDone,
    int stepsTotal,
    String step,
    int readyReplicas,
    int desiredReplicas,
    Integer canaryReadyReplicas,
    Integer queuePosition,
    boolean paused,
    String message) {

  /** The row of {@code ms}, whatever its status holds so far. */
  public static ServiceRow of(Microservice ms) {
    MicroserviceStatus s = ms.getStatus() == null ? MicroserviceStatus.EMPTY : ms.getStatus();
    Rollout rollout = ms.getSpec().rollout();
    boolean canary = s.canaryRevision() != null;
    List<CanaryStep> steps =
        canary && rollout.strategy() == Rollout.Strategy.Canary && rollout.canary() != null
            ? rollout.canary().steps()
            : List.of();
    int done = Math.min(value(s.currentStepIndex()), steps.size());
    return new ServiceRow(
        ms.getMetadata().getNamespace(),
        ms.getMetadata().getName(),
        s.phase() == null ? "Pending" : s.phase().name(),
        rollout.strategy().name(),
        s.stableRevision(),
        s.canaryRevision(),
        canary ? value(s.canaryWeight()) : null,
        done,
        steps.size(),
        steps.isEmpty() ? "" : done < steps.size() ? describe(steps.get(done)) : "promoting",
        value(s.readyReplicas()),
        ms.getSpec().desiredReplicas(),
        canary ? value(s.canaryReadyReplicas()) : null,
        s.queuePosition(),
        s.rolloutState().isPaused(),
        s.message());
  }

  /** The element id of the row, also the name of the live event that replaces it. */
  public String id() {
    return "svc." + namespace + "." + name;
  }

  /** Which revisions share the traffic, for the traffic cell's tooltip. */
  public String revisions() {
    return canaryRevision == null
        ? "stable " + (stableRevision == null ? "none yet" : stableRevision)
        : "stable " + stableRevision + ", canary " + canaryRevision;
  }

  /** The CSS class of the phase's colour. */
  public String phaseClass() {
    return "phase-" + phase.toLowerCase(Locale.ROOT);
  }

  /** Whether to say "paused" beside the phase: held, yet in a phase that does not say so. */
  public boolean pausedTag() {
    return paused && !"Paused".equals(phase);
  }

  /** Percent of traffic on the stable revision. */
  public int stableWeight() {
    return canaryWeight == null ? 100 : 100 - canaryWeight;
  }

  /** The page of this service, relative to the dashboard's root. */
  public String href() {
    return "services/" + namespace + "/" + name;
  }

  /** What a step does, in the words of the rollout's spec. */
  static String describe(CanaryStep step) {
    if (step.setWeight() != null) {
      return "setWeight " + step.setWeight();
    }
    return step.pause().duration() == null
        ? "pause until promoted"
        : "pause " + step.pause().duration();
  }

  static int value(Integer i) {
    return i == null ? 0 : i;
  }
}
