package dev.gantry.operator.rollout;

/** What became of a release action: applied or rejected, and why. */
public record ActionOutcome(
    PendingAction action, boolean applied, String message, String revision) {}
