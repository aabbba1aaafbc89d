package dev.gantry.operator.rollout;

/**
 * The first revision of a service: nothing to replace, nothing to split. It runs at full size and
 * becomes stable once all its replicas are Ready; release actions have nothing to act on yet.
 */
final class FirstRevision {

  private FirstRevision() {}

  static Decision start(Decision d, Facts facts) {
    String wanted = facts.in().revision();
    d =
        d.at(
            d.position().withCanary(null).withHeld(null).withLingering(null).withQueuedSince(null));
    for (PendingAction action : facts.in().actions()) {
      d =
          ActionRules.reject(
              d,
              facts,
              action,
              "the first revision is still starting; there is no rollout to act on" + " yet",
              wanted);
    }
    if (facts.readyAt(wanted, facts.size())) {
      return d.at(d.position().withStable(wanted))
          .says(new StatusText.Serving(wanted, facts.size()));
    }
    return d.says(new StatusText.Starting(wanted, facts.ready(wanted), facts.size()));
  }
}
