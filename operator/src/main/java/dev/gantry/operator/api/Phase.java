package dev.gantry.operator.api;

/** Where a Microservice stands, as shown in {@code kubectl get msvc}. */
public enum Phase {
  /** Nothing is serving yet: the first revision is starting. */
  Pending,
  /** A new revision is replacing the stable one. */
  Progressing,
  /** A rollout waits: for a duration, or for a release manager. */
  Paused,
  /**
   * A new revision waits for a rollout slot: the operator-wide or namespace budget of concurrent
   * rollouts is taken; the stable revision serves meanwhile.
   */
  Queued,
  /** The stable revision serves all traffic with every replica Ready. */
  Healthy,
  /** Serving, but not as declared: replicas missing, or a new revision that cannot start. */
  Degraded,
  /** A rollout was stopped; traffic is back on the stable revision. */
  Aborted
}
