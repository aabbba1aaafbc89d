package dev.gantry.operator.rollout;

import dev.gantry.operator.api.AnalysisStatus;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Events between two statuses: a new revision, a promotion, a change of phase. A promotion that
 * makes the service Healthy is one Event, not two.
 */
public final class Transitions {

  private Transitions() {}

  public static List<Transition> between(MicroserviceStatus before, MicroserviceStatus after) {
    List<Transition> out = new ArrayList<>();
    if (after.canaryRevision() != null && !after.canaryRevision().equals(before.canaryRevision())) {
      out.add(
          new Transition(
              false,
              "RolloutStarted",
              "rolling out revision "
                  + after.canaryRevision()
                  + (after.stableRevision() != null
                      ? " to replace " + after.stableRevision()
                      : "")));
    }
    boolean promoted =
        after.stableRevision() != null && !after.stableRevision().equals(before.stableRevision());
    if (promoted) {
      out.add(
          new Transition(
              false,
              "Promoted",
              "revision "
                  + after.stableRevision()
                  + " is stable"
                  + (before.stableRevision() != null
                      ? ", replacing " + before.stableRevision()
                      : "")
                  + (after.phase() == Phase.Healthy ? "; " + after.message() : "")));
    }
    boolean reportedWithPromotion = promoted && after.phase() == Phase.Healthy;
    if (after.phase() != null && after.phase() != before.phase() && !reportedWithPromotion) {
      boolean bad = after.phase() == Phase.Degraded || after.phase() == Phase.Aborted;
      out.add(
          new Transition(
              bad, after.phase().name(), Objects.requireNonNullElse(after.message(), "")));
    }
    AnalysisStatus check = after.analysis();
    if (check != null
        && check.checkedAt() != null
        && (before.analysis() == null
            || !check.checkedAt().equals(before.analysis().checkedAt()))) {
      String summary =
          check.measurements().stream()
              .map(m -> m.metric() + " " + m.verdict() + ": " + m.reason())
              .reduce((a, b) -> a + "; " + b)
              .orElse("");
      out.add(
          new Transition(
              !"Pass".equals(check.verdict()),
              "Analysis" + check.verdict(),
              "revision " + check.revision() + " at " + check.weight() + "%: " + summary));
    }
    return out;
  }
}
