package dev.gantry.operator.cli;

import static dev.gantry.operator.cli.Terminal.safe;

import dev.gantry.operator.api.ApiStatus;
import dev.gantry.operator.api.CanaryStep;
import dev.gantry.operator.api.HistoryEntry;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Rollout;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The text of {@code kubectl gantry status}: a pure function of the Microservice and the clock.
 * Everything taken from the cluster is printed through {@link Terminal#safe}.
 */
final class StatusView {

  private StatusView() {}

  static String render(Microservice ms, Instant now) {
    MicroserviceStatus s = ms.getStatus() == null ? MicroserviceStatus.EMPTY : ms.getStatus();
    Rollout rollout = ms.getSpec().rollout();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "%s (namespace %s)   strategy %s   phase %s%n",
            safe(ms.getMetadata().getName()),
            safe(ms.getMetadata().getNamespace()),
            rollout.strategy(),
            s.phase() == null ? "-" : s.phase()));
    int desired = ms.getSpec().desiredReplicas();
    if (s.stableRevision() != null) {
      int weight = s.canaryRevision() == null ? 100 : 100 - value(s.canaryWeight());
      out.append(
          String.format(
              "  stable   %s  %d/%d ready  %3d%% of traffic%n",
              safe(s.stableRevision()), value(s.readyReplicas()), desired, weight));
    }
    if (s.canaryRevision() != null) {
      out.append(
          String.format(
              "  canary   %s  %d/%d ready  %3d%% of traffic%n",
              safe(s.canaryRevision()),
              value(s.canaryReadyReplicas()),
              value(s.canaryReplicas()),
              value(s.canaryWeight())));
    }
    if (s.previousRevision() != null) {
      out.append(
          String.format(
              "  previous %s  kept at 0 replicas for undo%n", safe(s.previousRevision())));
    }
    if (s.canaryRevision() != null
        && rollout.strategy() == Rollout.Strategy.Canary
        && rollout.canary() != null) {
      List<CanaryStep> steps = rollout.canary().steps();
      int step = Math.min(value(s.currentStepIndex()), steps.size());
      out.append(
          String.format(
              "  progress [%s] step %d of %d%s%n",
              bar(step, steps.size()),
              step,
              steps.size(),
              step < steps.size() ? ": " + describe(steps.get(step)) : ": promoting"));
    }
    if (s.queuePosition() != null) {
      out.append(queued(s.queuePosition(), s.rolloutState().queuedSince()));
    }
    if (s.rolloutState().isPaused()) {
      out.append("  paused: resume with kubectl gantry resume ")
          .append(safe(ms.getMetadata().getName()))
          .append('\n');
    }
    if (s.rolloutState().heldRevision() != null) {
      out.append("  held back: revision ")
          .append(safe(s.rolloutState().heldRevision()))
          .append(" (resume, or change the spec)\n");
    }
    if (s.trafficSplit() != null) {
      out.append("  traffic: ").append(safe(s.trafficSplit())).append('\n');
    }
    if (s.message() != null) {
      out.append("  message: ").append(safe(s.message())).append('\n');
    }
    if (!s.conditions().isEmpty()) {
      out.append("  conditions: ")
          .append(
              s.conditions().stream().map(StatusView::condition).collect(Collectors.joining("  ")))
          .append('\n');
    }
    if (s.api() != null && !ApiStatus.COMPATIBLE.equals(s.api().verdict())) {
      out.append(ApiDiffView.breaking(s.api(), ms.getMetadata().getName()));
    }
    if (s.analysis() != null) {
      var a = s.analysis();
      out.append(
          String.format(
              "  analysis: %s at %d%% %s (failed %d, inconclusive in a row %d)%n",
              safe(a.verdict()),
              value(a.weight()),
              ago(a.checkedAt(), now),
              value(a.failedChecks()),
              value(a.inconclusiveChecks())));
      a.measurements()
          .forEach(
              m ->
                  out.append(
                      String.format(
                          "    %-22s %-12s %s%n",
                          safe(m.metric()), safe(m.verdict()), safe(m.reason()))));
    }
    if (!s.history().isEmpty()) {
      HistoryEntry last = s.history().get(s.history().size() - 1);
      out.append("  last action: ").append(HistoryView.line(last, now)).append('\n');
    }
    return out.toString();
  }

  /** Where a rollout (or a group's release) waits in line for a slot. */
  static String queued(int position, String since) {
    return String.format(
        "  queued   number %d in line for a rollout slot since %s%n", position, safe(since));
  }

  private static String describe(CanaryStep step) {
    if (step.setWeight() != null) {
      return "setWeight " + step.setWeight();
    }
    return step.pause().duration() == null
        ? "pause until promoted"
        : "pause " + step.pause().duration();
  }

  private static String bar(int done, int total) {
    int width = 20;
    int filled = total == 0 ? width : (int) Math.round(width * (double) done / total);
    return "#".repeat(filled) + ".".repeat(width - filled);
  }

  private static String condition(Condition c) {
    return safe(c.getType())
        + "="
        + safe(c.getStatus())
        + (c.getReason() == null ? "" : " (" + safe(c.getReason()) + ")");
  }

  private static int value(Integer i) {
    return i == null ? 0 : i;
  }

  static String ago(String time, Instant now) {
    if (time == null) {
      return "";
    }
    Duration d = Duration.between(Instant.parse(time), now);
    if (d.toMinutes() < 1) {
      return Math.max(0, d.toSeconds()) + "s ago";
    }
    if (d.toHours() < 1) {
      return d.toMinutes() + "m ago";
    }
    return d.toDays() < 1 ? d.toHours() + "h ago" : d.toDays() + "d ago";
  }
}
