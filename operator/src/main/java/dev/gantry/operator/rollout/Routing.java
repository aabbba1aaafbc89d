package dev.gantry.operator.rollout;

/**
 * How traffic is split between revisions, as the rollout decided it.
 *
 * @param stableRevision the revision behind the {@code stable} subset
 * @param canaryRevision the revision behind the {@code canary} subset; the stable one when no
 *     rollout is under way, so the subset always selects something
 * @param canaryWeight percent of traffic sent to the canary subset
 * @param serviceRevision without a mesh, the one revision the Service selects (blue-green's
 *     switch); null when the Service selects every revision
 */
public record Routing(
    String stableRevision, String canaryRevision, int canaryWeight, String serviceRevision) {

  public Routing {
    if (canaryWeight < 0 || canaryWeight > 100) {
      throw new IllegalArgumentException("canary weight must be 0-100, was " + canaryWeight);
    }
    canaryRevision = canaryRevision == null ? stableRevision : canaryRevision;
  }

  public Routing(String stableRevision, String canaryRevision, int canaryWeight) {
    this(stableRevision, canaryRevision, canaryWeight, null);
  }

  /** All traffic on one revision. */
  public static Routing allTo(String revision) {
    return new Routing(revision, revision, 0, null);
  }

  public int stableWeight() {
    return 100 - canaryWeight;
  }

  /** A rollout is under way: a canary revision distinct from the stable one. */
  public boolean hasCanary() {
    return !canaryRevision.equals(stableRevision);
  }
}
