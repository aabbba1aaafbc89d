package dev.gantry.operator.cli;

import dev.gantry.operator.api.HistoryEntry;
import java.time.Instant;
import java.util.List;

/** The text of {@code kubectl gantry history}: one line per release action, oldest first. */
final class HistoryView {

  private HistoryView() {}

  static String render(List<HistoryEntry> history, Instant now) {
    if (history.isEmpty()) {
      return "no release actions yet\n";
    }
    StringBuilder out = new StringBuilder();
    for (HistoryEntry entry : history) {
      out.append(line(entry, now)).append('\n');
    }
    return out.toString();
  }

  static String line(HistoryEntry e, Instant now) {
    return String.format(
        "%-8s %-12s %-14s %-8s %s%s",
        StatusView.ago(e.time(), now),
        Terminal.safe(e.user()),
        Terminal.safe(e.action()) + (e.weight() != null ? " " + e.weight() + "%" : ""),
        Terminal.safe(e.outcome()),
        Terminal.safe(e.message()),
        e.reason() != null ? "  (reason: " + Terminal.safe(e.reason()) + ")" : "");
  }
}
