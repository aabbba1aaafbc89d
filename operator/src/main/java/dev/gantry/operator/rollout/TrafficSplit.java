package dev.gantry.operator.rollout;

import dev.gantry.operator.api.Rollout.Strategy;
import dev.gantry.operator.rollout.Position.CanaryRun;

/**
 * How the split is enforced, as the status says it: by the mesh, or approximated by replica counts.
 */
final class TrafficSplit {

  private TrafficSplit() {}

  static String describe(Position p, Facts facts) {
    CanaryRun canary = p.canary();
    if (canary == null) {
      return null;
    }
    if (facts.mesh()) {
      return "mesh: " + canary.weight() + "% to revision " + canary.revision();
    }
    if (facts.strategy() == Strategy.BlueGreen) {
      return "service selector: all traffic to revision " + p.stable() + " until the switch";
    }
    int canaryPods = facts.ready(canary.revision());
    int stablePods = facts.ready(p.stable());
    long share =
        canaryPods + stablePods == 0
            ? 0
            : Math.round(100.0 * canaryPods / (canaryPods + stablePods));
    return "no mesh: "
        + canary.weight()
        + "% approximated by replicas, "
        + canaryPods
        + " canary / "
        + stablePods
        + " stable ready ("
        + share
        + "%)";
  }
}
