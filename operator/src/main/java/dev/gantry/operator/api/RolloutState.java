package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The rollout's memory beyond what {@code kubectl get} shows, so a restarted operator continues
 * exactly where it stopped.
 *
 * @param stepStartedAt when the current step began (timed pauses, blue-green auto-promotion)
 * @param paused held by a release manager (Pause, SetWeight) or an indefinite pause step
 * @param manualWeight a weight set by a release manager, held until the next action or promotion
 * @param promoting skip the remaining steps: switch once the canary runs at full size
 * @param heldRevision a revision the rollout will not go to (aborted, or undone) until the spec
 *     changes
 * @param scaleDownRevision a revision that served until recently, scaled down at {@code
 *     scaleDownAt}
 * @param breakingChangeAccepted a release manager let the canary through the API-compatibility gate
 * @param queuedSince when the spec's new revision began to wait for a rollout slot: its place in
 *     the queue, kept when a newer spec supersedes it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutState(
    String stepStartedAt,
    Boolean paused,
    Integer manualWeight,
    Boolean promoting,
    String heldRevision,
    String scaleDownRevision,
    String scaleDownAt,
    Boolean breakingChangeAccepted,
    String queuedSince) {

  public static final RolloutState NONE =
      new RolloutState(null, null, null, null, null, null, null, null, null);

  public boolean isPaused() {
    return Boolean.TRUE.equals(paused);
  }

  public boolean isPromoting() {
    return Boolean.TRUE.equals(promoting);
  }

  public boolean isBreakingChangeAccepted() {
    return Boolean.TRUE.equals(breakingChangeAccepted);
  }
}
