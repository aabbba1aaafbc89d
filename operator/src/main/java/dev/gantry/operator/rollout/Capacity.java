package dev.gantry.operator.rollout;

/**
 * How many replicas a canary needs for its share of traffic. With a mesh the share is the weight of
 * the route, and the canary needs that fraction of the stable revision's size (at least one pod).
 * Without a mesh the Service spreads requests evenly over every ready pod beside a stable revision
 * kept at full size, so the canary's share is its fraction of all pods.
 */
public final class Capacity {

  private Capacity() {}

  /**
   * @param percent the canary's share of traffic, 0-100
   * @param size the stable revision's replicas
   */
  public static int forShare(int percent, int size, boolean mesh) {
    if (mesh) {
      return Math.max(1, (int) Math.ceil(size * percent / 100.0));
    }
    if (percent <= 0) {
      return 0;
    }
    if (percent >= 100) {
      return size;
    }
    return Math.max(1, (int) Math.round(size * percent / (100.0 - percent)));
  }
}
