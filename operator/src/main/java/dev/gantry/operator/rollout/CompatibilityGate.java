package dev.gantry.operator.rollout;

import dev.gantry.operator.api.Api.OnBreakingChange;
import dev.gantry.operator.api.ApiStatus;
import dev.gantry.operator.api.HistoryEntry;
import dev.gantry.operator.api.ReleaseActionSpec.Action;
import dev.gantry.operator.rollout.Position.CanaryRun;
import java.util.List;

/**
 * The API-compatibility gate in the rollout: a canary whose contract breaks a declared consumer, or
 * cannot be judged, stays at no traffic and no replicas — under every strategy, Rolling included —
 * until its contract changes, its consumers change, or a release manager accepts the change. It
 * resumes at the step it reached.
 */
final class CompatibilityGate {

  private CompatibilityGate() {}

  static Decision hold(Decision d, Facts facts) {
    CanaryRun canary = d.canary();
    return d.at(d.position().withCanary(canary.withWeight(0)))
        .canaryAt(0)
        .says(new StatusText.HeldByApiGate(canary.revision(), facts.in().api()));
  }

  /**
   * A canary the gate held until the last decision starts its step again: time spent without pods
   * counts toward no pause and no blue-green auto-promotion, so a preview is never switched to
   * before anyone could look at it.
   */
  static Decision release(Decision d, Facts facts) {
    ApiStatus before = facts.in().status().api();
    CanaryRun canary = d.canary();
    if (before == null
        || !ApiStatus.HOLDING.equals(before.gate())
        || !canary.revision().equals(before.revision())) {
      return d;
    }
    return d.at(d.position().withCanary(canary.at(canary.step(), facts.now())));
  }

  /** The judgement for the status, with what the gate made of it. */
  static ApiStatus report(Position p, Facts facts) {
    ApiStatus api = facts.in().api();
    if (api == null) {
      return null;
    }
    CanaryRun canary = p.canary();
    boolean judgedRuns = canary != null && canary.revision().equals(api.revision());
    String gate;
    String acceptedBy = null;
    if (ApiStatus.COMPATIBLE.equals(api.verdict())) {
      gate = ApiStatus.OPEN;
    } else if (judgedRuns && canary.accepted()) {
      gate = ApiStatus.ACCEPTED;
      acceptedBy = acceptor(p.history(), canary.revision());
    } else if (judgedRuns && facts.gateHolds(canary)) {
      gate = ApiStatus.HOLDING;
    } else if (ApiStatus.BREAKING.equals(api.verdict())
        && facts.spec().api().onBreakingChange() == OnBreakingChange.Allow) {
      gate = ApiStatus.ALLOWED;
    } else {
      gate = ApiStatus.OPEN;
    }
    return api.withGate(gate, acceptedBy);
  }

  private static String acceptor(List<HistoryEntry> history, String revision) {
    for (int i = history.size() - 1; i >= 0; i--) {
      HistoryEntry h = history.get(i);
      if (Action.AcceptBreakingChange.name().equals(h.action())
          && "Applied".equals(h.outcome())
          && revision.equals(h.revision())) {
        return h.user();
      }
    }
    return null;
  }
}
