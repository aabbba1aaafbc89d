package dev.gantry.operator.rollout;

import dev.gantry.operator.api.AnalysisStatus;
import dev.gantry.operator.api.ApiStatus;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
    apiGate(before.api(), after.api()).ifPresent(out::add);
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

  /**
   * A judgement that finds a breaking change, or cannot judge, is told once per revision and
   * outcome: held, allowed by the spec, or accepted by a release manager.
   */
  private static Optional<Transition> apiGate(ApiStatus before, ApiStatus after) {
    if (after == null || ApiStatus.COMPATIBLE.equals(after.verdict())) {
      return Optional.empty();
    }
    if (before != null
        && Objects.equals(before.revision(), after.revision())
        && Objects.equals(before.verdict(), after.verdict())
        && Objects.equals(before.gate(), after.gate())
        && Objects.equals(before.breaking(), after.breaking())) {
      return Optional.empty();
    }
    String subject = "revision " + after.revision();
    if (ApiStatus.UNKNOWN.equals(after.verdict())) {
      return Optional.of(
          new Transition(
              true,
              "ApiUnknown",
              subject + ": API compatibility cannot be judged: " + after.reason()));
    }
    String breaks = StatusText.breaks(after.breaking());
    String reason =
        switch (Objects.requireNonNullElse(after.gate(), "")) {
          case ApiStatus.ALLOWED -> "BreakingChangeAllowed";
          case ApiStatus.ACCEPTED -> "BreakingChangeAccepted";
          default -> "BreakingChange";
        };
    String outcome =
        switch (reason) {
          case "BreakingChangeAllowed" -> "; it proceeds: the spec says onBreakingChange: Allow";
          case "BreakingChangeAccepted" -> "; it proceeds: accepted by " + after.acceptedBy();
          default -> "";
        };
    return Optional.of(new Transition(true, reason, subject + " breaks " + breaks + outcome));
  }
}
