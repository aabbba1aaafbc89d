package dev.gantry.operator.api;

/** Where a release group stands: a Microservice's phases, and {@code Gathering}. */
public enum GroupPhase {
  /** Nothing released yet. */
  Pending,
  /** A member changed: waiting for the group's other changes before the release starts. */
  Gathering,
  /** The release waits for a rollout slot (the group counts once). */
  Queued,
  /** The changed members move through the steps together. */
  Progressing,
  /** The release waits: for a duration, or for a release manager. */
  Paused,
  /** Every member serves its stable revision. */
  Healthy,
  /** A member is missing, or belongs to another group. */
  Degraded,
  /** The release was stopped: every member's traffic is back on its stable revision. */
  Aborted
}
