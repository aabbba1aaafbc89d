package dev.gantry.operator.rollout;

import dev.gantry.operator.api.AnalysisStatus;
import dev.gantry.operator.api.CanaryStep;
import dev.gantry.operator.api.Durations;
import dev.gantry.operator.rollout.Position.CanaryRun;
import dev.gantry.operator.rollout.Position.Mode;
import java.time.Duration;
import java.util.List;

/**
 * The Canary strategy: the steps, one at a time. A weight step scales the canary to its share
 * before the share rises (capacity first, then traffic) and, under analysis, ends only after a
 * passing check at that weight; a timed pause ends by itself, an indefinite one waits for a release
 * manager. At most one weight change per decision, so no step is ever skipped; past the last step
 * the canary is promoted.
 */
final class CanarySteps {

  private CanarySteps() {}

  static Decision walk(Decision d, Facts facts) {
    d = AnalysisJudgement.judge(d, facts);
    if (d.canary() == null) {
      return d; // aborted by analysis
    }
    List<CanaryStep> steps = facts.steps();
    while (true) {
      CanaryRun canary = d.canary();
      if (canary.promoting() || canary.step() >= steps.size()) {
        d = d.at(d.position().withCanary(canary.in(Mode.PROMOTING)));
        return Promotion.whenReady(d, facts);
      }
      if (canary.mode() instanceof Mode.HeldAt held) {
        d = raiseWeight(d, facts, held.weight(), false);
        return d.canary().weight() == held.weight()
            ? d.says(new StatusText.HeldByReleaseManager(canary.revision(), held.weight()))
            : d;
      }
      if (canary.paused()) {
        d = d.canaryAt(facts.capacity(canary.weight()));
        return d.situation() instanceof StatusText.PausedByAnalysis
            ? d
            : d.says(
                new StatusText.PausedAtStep(
                    canary.revision(), canary.step(), canary.weight(), false));
      }
      CanaryStep current = steps.get(canary.step());
      if (current.setWeight() != null) {
        if (current.setWeight() != canary.weight()) {
          return raiseWeight(d, facts, current.setWeight(), facts.analysis() == null);
        }
        d = d.canaryAt(facts.capacity(canary.weight()));
        if (facts.analysis() != null
            && canary.weight() > 0
            && !passedAt(d.position(), canary.weight())) {
          AnalysisStatus last = d.position().analysis();
          return d.says(
              new StatusText.Analysing(
                  canary.revision(),
                  canary.weight(),
                  last != null && canary.revision().equals(last.revision())
                      ? last.verdict()
                      : null));
        }
        d = next(d, facts);
        continue;
      }
      int given = weightGivenBefore(steps, canary.step());
      if (canary.weight() < given) {
        // Back from no traffic (the API gate held it): the pause keeps the weight its step gave.
        return raiseWeight(d, facts, given, false);
      }
      d = d.canaryAt(facts.capacity(canary.weight()));
      if (current.pause().duration() == null) {
        return d.says(
            new StatusText.PausedAtStep(canary.revision(), canary.step(), canary.weight(), true));
      }
      Duration left =
          Duration.between(
              facts.now(), canary.since().plus(Durations.parse(current.pause().duration())));
      if (left.isNegative() || left.isZero()) {
        d = next(d, facts);
        continue;
      }
      return d.says(
              new StatusText.Pausing(
                  canary.revision(), canary.weight(), current.pause().duration(), left.toSeconds()))
          .requeueIn(left);
    }
  }

  /**
   * Sends {@code target} percent to the canary once it has the replicas for that share: capacity
   * first, then traffic. Lowering the weight needs no wait. A changed weight starts a new window,
   * so a measured window sees one weight only.
   */
  static Decision raiseWeight(Decision d, Facts facts, int target, boolean advance) {
    CanaryRun canary = d.canary();
    int needed = facts.capacity(Math.max(target, canary.weight()));
    d = d.canaryAt(needed);
    if (target > canary.weight() && !facts.readyAt(canary.revision(), needed)) {
      return d.says(
          new StatusText.ScalingCanary(
              canary.revision(), needed, facts.ready(canary.revision()), target));
    }
    boolean changed = canary.weight() != target;
    CanaryRun moved = changed ? canary.withWeight(target).at(canary.step(), facts.now()) : canary;
    d =
        d.at(d.position().withCanary(moved))
            .says(new StatusText.Receives(canary.revision(), target));
    if (advance) {
      d = next(d, facts);
    }
    if (changed || advance) {
      return d.requeueIn(Duration.ZERO);
    }
    return d.canaryAt(facts.capacity(target));
  }

  /** The weight the last weight step before {@code step} set; 0 if none did. */
  static int weightGivenBefore(List<CanaryStep> steps, int step) {
    for (int i = Math.min(step, steps.size()) - 1; i >= 0; i--) {
      if (steps.get(i).setWeight() != null) {
        return steps.get(i).setWeight();
      }
    }
    return 0;
  }

  /** Step {@code step} is a pause without a duration: it waits for a release manager. */
  static boolean waitsForHuman(List<CanaryStep> steps, int step) {
    return step < steps.size()
        && steps.get(step).pause() != null
        && steps.get(step).pause().duration() == null;
  }

  private static Decision next(Decision d, Facts facts) {
    CanaryRun canary = d.canary();
    return d.at(d.position().withCanary(canary.at(canary.step() + 1, facts.now())));
  }

  private static boolean passedAt(Position p, int percent) {
    AnalysisStatus analysis = p.analysis();
    return analysis != null
        && p.canaryRevision().equals(analysis.revision())
        && "Pass".equals(analysis.verdict())
        && analysis.weight() != null
        && analysis.weight() == percent;
  }
}
