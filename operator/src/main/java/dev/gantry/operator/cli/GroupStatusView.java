package dev.gantry.operator.cli;

import static dev.gantry.operator.cli.Terminal.safe;

import dev.gantry.operator.api.HistoryEntry;
import dev.gantry.operator.api.MemberRelease;
import dev.gantry.operator.api.ReleaseGroup;
import dev.gantry.operator.api.ReleaseGroupStatus;
import java.time.Instant;
import java.util.Objects;

/** A release group's release as text: phase, step, and every member with what it is told. */
final class GroupStatusView {

  private GroupStatusView() {}

  static String render(ReleaseGroup group, Instant now) {
    ReleaseGroupStatus s = Objects.requireNonNullElse(group.getStatus(), ReleaseGroupStatus.EMPTY);
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "group/%s (namespace %s)   phase %s   release %s%n",
            safe(group.getMetadata().getName()),
            safe(group.getMetadata().getNamespace()),
            s.phase() == null ? "-" : s.phase(),
            s.release() == null ? "-" : s.release()));
    if (s.currentStepIndex() != null) {
      out.append(
          String.format(
              "  step %d of %d, weight %d%%%s%n",
              s.currentStepIndex(),
              group.getSpec().steps().size(),
              s.weight() == null ? 0 : s.weight(),
              Boolean.TRUE.equals(s.paused()) ? " (paused)" : ""));
    }
    if (s.queuePosition() != null) {
      out.append(StatusView.queued(s.queuePosition(), s.queuedSince()));
    }
    out.append(
        String.format(
            "  %-20s %-12s %-12s %-8s %-9s %s%n",
            "MEMBER", "STABLE", "CANDIDATE", "WEIGHT", "DOES", "PHASE"));
    for (MemberRelease m : s.members()) {
      out.append(
          String.format(
              "  %-20s %-12s %-12s %-8s %-9s %s%n",
              safe(m.name()),
              safe(dash(m.stableRevision())),
              safe(dash(m.candidateRevision())),
              m.weight() == null ? "-" : m.weight() + "%",
              safe(dash(m.directive())),
              safe(dash(m.phase()))));
    }
    if (s.message() != null) {
      out.append("  message: ").append(safe(s.message())).append('\n');
    }
    if (!s.history().isEmpty()) {
      HistoryEntry last = s.history().get(s.history().size() - 1);
      out.append("  last action: ").append(HistoryView.line(last, now)).append('\n');
    }
    return out.toString();
  }

  private static String dash(String value) {
    return value == null ? "-" : value;
  }
}
