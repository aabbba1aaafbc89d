package dev.gantry.operator.rollout;

import dev.gantry.operator.api.AnalysisStatus;
import dev.gantry.operator.api.HistoryEntry;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.RolloutState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where a rollout is: an immutable value, read from the status (the rollout's memory) and written
 * back to it. Each transition makes a new one.
 *
 * @param stable the revision that serves, null before the first one is ready
 * @param previous the revision that served before, kept at zero replicas for an undo
 * @param held a revision held back (aborted, or left by an undo) until the spec changes or a Resume
 * @param canary the revision being rolled out, if any
 * @param lingering a replaced revision still running for its scale-down delay
 * @param analysis the last canary analysis
 * @param history recent release actions, newest last
 * @param queuedSince when the spec's revision began to wait for a rollout slot; null when it does
 *     not wait
 */
record Position(
    String stable,
    String previous,
    String held,
    CanaryRun canary,
    Lingering lingering,
    AnalysisStatus analysis,
    List<HistoryEntry> history,
    Instant queuedSince) {

  Position {
    history = List.copyOf(history);
  }

  /**
   * A revision being rolled out: at a step of its strategy, with a share of traffic, since when,
   * how, and whether a release manager let it through the API-compatibility gate.
   */
  record CanaryRun(
      String revision, int step, int weight, Instant since, Mode mode, boolean accepted) {

    CanaryRun withWeight(int newWeight) {
      return new CanaryRun(revision, step, newWeight, since, mode, accepted);
    }

    /** At {@code newStep}, which began {@code at}. */
    CanaryRun at(int newStep, Instant at) {
      return new CanaryRun(revision, newStep, weight, at, mode, accepted);
    }

    CanaryRun in(Mode newMode) {
      return new CanaryRun(revision, step, weight, since, newMode, accepted);
    }

    CanaryRun acceptingBreakingChange() {
      return new CanaryRun(revision, step, weight, since, mode, true);
    }

    boolean promoting() {
      return mode instanceof Mode.Promoting;
    }

    /** Paused by a release manager or by analysis, or held at a weight. */
    boolean paused() {
      return mode instanceof Mode.Paused || mode instanceof Mode.HeldAt;
    }
  }

  /** How a canary moves. */
  sealed interface Mode {
    /** Through its steps, as time, readiness and analysis allow. */
    record Walking() implements Mode {}

    /** Not at all, until resumed or promoted. */
    record Paused() implements Mode {}

    /** Held at a weight a release manager set, until the next action or promotion. */
    record HeldAt(int weight) implements Mode {}

    /** To stable, once it runs at full size. */
    record Promoting() implements Mode {}

    Mode WALKING = new Walking();
    Mode PAUSED = new Paused();
    Mode PROMOTING = new Promoting();
  }

  /** A replaced revision that keeps running until {@code until}. */
  record Lingering(String revision, Instant until) {}

  Position withStable(String revision) {
    return new Position(
        revision, previous, held, canary, lingering, analysis, history, queuedSince);
  }

  Position withPrevious(String revision) {
    return new Position(stable, revision, held, canary, lingering, analysis, history, queuedSince);
  }

  Position withHeld(String revision) {
    return new Position(
        stable, previous, revision, canary, lingering, analysis, history, queuedSince);
  }

  Position withCanary(CanaryRun run) {
    return new Position(stable, previous, held, run, lingering, analysis, history, queuedSince);
  }

  Position withLingering(Lingering value) {
    return new Position(stable, previous, held, canary, value, analysis, history, queuedSince);
  }

  Position withAnalysis(AnalysisStatus value) {
    return new Position(stable, previous, held, canary, lingering, value, history, queuedSince);
  }

  Position withHistory(List<HistoryEntry> value) {
    return new Position(stable, previous, held, canary, lingering, analysis, value, queuedSince);
  }

  Position withQueuedSince(Instant value) {
    return new Position(stable, previous, held, canary, lingering, analysis, history, value);
  }

  String canaryRevision() {
    return canary == null ? null : canary.revision();
  }

  /** The position the status remembers; revisions whose Deployments are gone are forgotten. */
  static Position remembered(MicroserviceStatus status, Map<String, RevisionObservation> observed) {
    RolloutState state = status.rolloutState();
    CanaryRun canary = null;
    if (status.canaryRevision() != null) {
      Mode mode =
          state.isPromoting()
              ? Mode.PROMOTING
              : state.manualWeight() != null
                  ? new Mode.HeldAt(state.manualWeight())
                  : state.isPaused() ? Mode.PAUSED : Mode.WALKING;
      canary =
          new CanaryRun(
              status.canaryRevision(),
              status.currentStepIndex() == null ? 0 : status.currentStepIndex(),
              status.canaryWeight() == null ? 0 : status.canaryWeight(),
              state.stepStartedAt() == null ? null : Instant.parse(state.stepStartedAt()),
              mode,
              state.isBreakingChangeAccepted());
    }
    String lingering = running(state.scaleDownRevision(), observed);
    return new Position(
        running(status.stableRevision(), observed),
        running(status.previousRevision(), observed),
        state.heldRevision(),
        canary,
        lingering == null ? null : new Lingering(lingering, Instant.parse(state.scaleDownAt())),
        status.analysis(),
        status.history(),
        state.queuedSince() == null ? null : Instant.parse(state.queuedSince()));
  }

  /**
   * What the status keeps of the rollout's own state; {@code null} when there is nothing to keep.
   */
  RolloutState persisted() {
    RolloutState state =
        new RolloutState(
            canary == null || canary.since() == null ? null : canary.since().toString(),
            canary != null && canary.paused() ? Boolean.TRUE : null,
            canary != null && canary.mode() instanceof Mode.HeldAt h
                ? Integer.valueOf(h.weight())
                : null,
            canary != null && canary.promoting() ? Boolean.TRUE : null,
            held,
            lingering == null ? null : lingering.revision(),
            lingering == null ? null : lingering.until().toString(),
            canary != null && canary.accepted() ? Boolean.TRUE : null,
            queuedSince == null ? null : queuedSince.toString());
    return state.equals(RolloutState.NONE) ? null : state;
  }

  private static String running(String revision, Map<String, RevisionObservation> observed) {
    return revision != null && observed.containsKey(revision) ? revision : null;
  }
}
