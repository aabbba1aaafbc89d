package dev.gantry.operator.rollout;

import dev.gantry.operator.api.Analysis;
import dev.gantry.operator.api.Api.OnBreakingChange;
import dev.gantry.operator.api.ApiStatus;
import dev.gantry.operator.api.CanaryStep;
import dev.gantry.operator.api.MicroserviceSpec;
import dev.gantry.operator.api.Rollout.Strategy;
import java.time.Instant;
import java.util.List;

/** What one decision is made from, besides where the rollout is: the spec, what runs, the clock. */
record Facts(RolloutInput in) {

  Strategy strategy() {
    return spec().rollout().strategy();
  }

  MicroserviceSpec spec() {
    return in.spec();
  }

  /** The stable revision's replicas. */
  int size() {
    return spec().desiredReplicas();
  }

  Instant now() {
    return in.now();
  }

  boolean mesh() {
    return in.mesh();
  }

  List<CanaryStep> steps() {
    var canary = spec().rollout().canary();
    return canary == null ? List.of() : canary.steps();
  }

  /**
   * The canary's analysis: the release group's, for a member of one; else the spec's, when the
   * strategy is Canary and one is declared.
   */
  Analysis analysis() {
    if (in.group() != null) {
      return in.group().analysis();
    }
    var canary = spec().rollout().canary();
    return strategy() == Strategy.Canary && canary != null ? canary.analysis() : null;
  }

  int scaleDownDelaySeconds() {
    var rollout = spec().rollout();
    return switch (strategy()) {
      case Rolling -> 0;
      case Canary -> rollout.canary() == null ? 30 : rollout.canary().scaleDownDelaySeconds();
      case BlueGreen ->
          rollout.blueGreen() == null ? 30 : rollout.blueGreen().scaleDownDelaySeconds();
    };
  }

  int capacity(int percent) {
    return Capacity.forShare(percent, size(), mesh());
  }

  /** Exactly {@code replicas} asked for, and as many Ready. */
  boolean readyAt(String revision, int replicas) {
    RevisionObservation o = in.observed().get(revision);
    return o != null && o.readyAt(replicas);
  }

  int ready(String revision) {
    RevisionObservation o = revision == null ? null : in.observed().get(revision);
    return o == null ? 0 : o.readyReplicas();
  }

  boolean deadlineExceeded(String revision) {
    RevisionObservation o = in.observed().get(revision);
    return o != null && o.progressDeadlineExceeded();
  }

  /**
   * The API-compatibility gate holds {@code canary} back: its judgement (of the spec's revision) is
   * unknown, or names a broken consumer while the spec says Block, and no release manager accepted
   * it. A revision the spec does not ask for (an undo's) is not judged.
   */
  boolean gateHolds(Position.CanaryRun canary) {
    ApiStatus api = in.api();
    if (api == null || canary.accepted() || !canary.revision().equals(api.revision())) {
      return false;
    }
    return ApiStatus.UNKNOWN.equals(api.verdict())
        || (ApiStatus.BREAKING.equals(api.verdict())
            && spec().api().onBreakingChange() == OnBreakingChange.Block);
  }

  boolean runs(String revision) {
    return revision != null && in.observed().containsKey(revision);
  }
}
