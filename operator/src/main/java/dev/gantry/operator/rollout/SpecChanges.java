package dev.gantry.operator.rollout;

import dev.gantry.operator.api.Rollout.Strategy;

/**
 * Following the spec: its revision becomes the canary beside the stable one (superseding a canary
 * of an older spec), unless it serves already or is held back; a spec that went back to the stable
 * revision ends the canary. A new rollout starts only when the budgets of concurrent rollouts give
 * it a slot; until then it waits in the queue, and a newer spec keeps its place there.
 */
final class SpecChanges {

  private SpecChanges() {}

  static Decision follow(Decision d, Facts facts) {
    String wanted = facts.in().revision();
    Position p = d.position();
    if (p.held() != null && !p.held().equals(wanted)) {
      p = p.withHeld(null); // the spec moved on: what was held back no longer matters
    }
    d = d.at(p);
    if (wanted.equals(p.held()) || wanted.equals(p.stable())) {
      if (p.canary() != null && p.held() == null) {
        // The spec went back to the stable revision: the canary has nothing to become.
        d = Promotion.retire(d, facts, p.canaryRevision());
        d = d.at(d.position().withCanary(null));
      }
      return d.at(d.position().withQueuedSince(null));
    }
    if (wanted.equals(p.canaryRevision())) {
      return d;
    }
    if (p.canary() == null && !facts.in().slot().open()) {
      return d.at(p.withQueuedSince(p.queuedSince() != null ? p.queuedSince() : facts.now()));
    }
    if (p.canary() != null && !p.canaryRevision().equals(p.stable())) {
      d = Promotion.retire(d, facts, p.canaryRevision());
    }
    return d.at(
        Promotion.start(d.position(), wanted, facts.strategy() == Strategy.Rolling, facts.now())
            .withAnalysis(null)
            .withQueuedSince(null));
  }
}
