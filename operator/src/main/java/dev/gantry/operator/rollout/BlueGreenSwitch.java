package dev.gantry.operator.rollout;

import dev.gantry.operator.api.BlueGreen;
import dev.gantry.operator.rollout.Position.CanaryRun;
import java.time.Duration;

/**
 * Blue-green: the new revision comes up at full size behind the preview, then all traffic switches
 * at once — when a release manager promotes it, or after {@code autoPromotionSeconds} unless it is
 * paused.
 */
final class BlueGreenSwitch {

  private BlueGreenSwitch() {}

  static Decision decide(Decision d, Facts facts) {
    CanaryRun canary = d.canary();
    if (canary.promoting() || !facts.readyAt(canary.revision(), facts.size())) {
      return Promotion.whenReady(d, facts);
    }
    d = d.canaryAt(facts.size());
    if (canary.step() == 0) {
      canary =
          canary.at(
              1, facts.now()); // step 1: the preview runs at full size and waits for the switch
      d = d.at(d.position().withCanary(canary));
    }
    BlueGreen settings = facts.spec().rollout().blueGreen();
    Integer auto = settings == null ? null : settings.autoPromotionSeconds();
    if (auto != null && !canary.paused()) {
      Duration left = Duration.between(facts.now(), canary.since().plusSeconds(auto));
      if (!left.isNegative() && !left.isZero()) {
        return d.says(new StatusText.PreviewSwitchingIn(canary.revision(), left.toSeconds()))
            .requeueIn(left);
      }
      return Promotion.promote(d, facts);
    }
    return d.says(new StatusText.PreviewWaiting(canary.revision()));
  }
}
