package dev.gantry.operator.render;

/**
 * How traffic is split between revisions, as the rollout decided it.
 *
 * @param stableRevision the revision behind the {@code stable} subset
 * @param canaryRevision the revision behind the {@code canary} subset; the stable one when no
 *     rollout is under way, so the subset always selects something
 * @param canaryWeight percent of traffic sent to the canary subset
 */
public record Routing(String stableRevision, String canaryRevision, int canaryWeight) {

  public Routing {
    if (canaryWeight < 0 || canaryWeight > 100) {
      throw new IllegalArgumentException("canary weight must be 0-100, was " + canaryWeight);
    }
    canaryRevision = canaryRevision == null ? stableRevision : canaryRevision;
  }

  /** All traffic on one revision. */
  public static Routing allTo(String revision) {
    return new Routing(revision, revision, 0);
  }

  public int stableWeight() {
    return 100 - canaryWeight;
  }
}
