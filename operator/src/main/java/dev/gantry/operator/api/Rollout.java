package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/** How a new revision replaces the stable one. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value = "self.strategy == 'Canary' || !has(self.canary)",
    fieldPath = ".canary",
    message = "canary settings are only allowed with strategy Canary")
@ValidationRule(
    value = "self.strategy != 'Canary' || has(self.canary)",
    fieldPath = ".strategy",
    message = "strategy Canary needs rollout.canary with its steps")
@ValidationRule(
    value = "self.strategy == 'BlueGreen' || !has(self.blueGreen)",
    fieldPath = ".blueGreen",
    message = "blueGreen settings are only allowed with strategy BlueGreen")
public record Rollout(@Default("Rolling") Strategy strategy, Canary canary, BlueGreen blueGreen) {

  public static final Rollout ROLLING = new Rollout(Strategy.Rolling, null, null);

  public Rollout {
    strategy = strategy == null ? Strategy.Rolling : strategy;
  }

  /** The release strategies. */
  public enum Strategy {
    /** Replace the stable revision as soon as the new one is Ready. */
    Rolling,
    /** Shift traffic to the new revision in steps. */
    Canary,
    /** Bring the new revision up at full size beside the old one, then switch all traffic. */
    BlueGreen
  }
}
