package dev.gantry.operator.dashboard;

import dev.gantry.operator.api.AnalysisMetric;
import dev.gantry.operator.api.AnalysisStatus;
import dev.gantry.operator.api.CanaryStep;
import dev.gantry.operator.api.HistoryEntry;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Rollout;
import dev.gantry.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Everything the page of one Microservice shows, as a pure function of what the user may read: the
 * Microservice, its revisions' Deployments, its Events, and the values seen since the dashboard
 * started.
 */
public record ServicePage(
    ServiceRow row,
    String image,
    List<Revision> revisions,
    List<Step> steps,
    Analysis analysis,
    List<Action> history,
    List<EventLine> events,
    List<String> conditions,
    Controls controls,
    String charts) {

  /** A revision's Deployment: which part it plays, its image, readiness and age. */
  public record Revision(
      String revision, String role, String image, int ready, int replicas, String age) {}

  /** A canary step, and whether the rollout is before, at or past it. */
  public record Step(int number, String text, String state) {}

  /** The last analysis check and each metric's measurement. */
  public record Analysis(
      String verdict, Integer weight, String checked, int failed, List<Measurement> metrics) {}

  public record Measurement(
      String metric,
      String canary,
      String stable,
      String threshold,
      String verdict,
      String reason) {
    public String verdictClass() {
      return "verdict-" + (verdict == null ? "none" : verdict.toLowerCase(java.util.Locale.ROOT));
    }
  }

  /** A line of the release history: who did what, when, why, and what came of it. */
  public record Action(
      String time,
      String ago,
      String user,
      String action,
      Integer weight,
      String reason,
      String outcome,
      String message) {}

  public record EventLine(String type, String reason, String message, String ago, int count) {}

  /**
   * What the user may do here: {@code allowed} is the API server's answer to "may they create
   * ReleaseActions in this namespace?"; whether an action fits the rollout's state is the
   * operator's to say, in the action's outcome.
   */
  public record Controls(boolean allowed) {

    /** Why the action buttons are off, or null when they are on. */
    public String disabledReason() {
      return allowed ? null : "your account may not create ReleaseActions in this namespace";
    }
  }

  public static ServicePage of(
      Microservice ms,
      List<Deployment> deployments,
      List<Event> events,
      Timeline.Series series,
      boolean allowed,
      Instant now) {
    MicroserviceStatus s = ms.getStatus() == null ? MicroserviceStatus.EMPTY : ms.getStatus();
    ServiceRow row = ServiceRow.of(ms);
    Rollout rollout = ms.getSpec().rollout();
    return new ServicePage(
        row,
        ms.getSpec().image(),
        deployments == null ? null : revisions(deployments, s, now),
        steps(rollout, s),
        analysis(s.analysis(), rollout, now),
        history(s.history(), now),
        events == null
            ? null
            : events.stream()
                .sorted(Comparator.comparing(ServicePage::lastSeen).reversed())
                .limit(20)
                .map(e -> event(e, now))
                .toList(),
        s.conditions().stream().map(ServicePage::condition).toList(),
        new Controls(allowed),
        Charts.json(series, thresholds(rollout)));
  }

  private static List<Revision> revisions(
      List<Deployment> deployments, MicroserviceStatus s, Instant now) {
    List<Revision> out = new ArrayList<>();
    for (Deployment d : deployments) {
      String revision = d.getMetadata().getLabels().get(Labels.REVISION);
      String role =
          Objects.equals(revision, s.stableRevision())
              ? "stable"
              : Objects.equals(revision, s.canaryRevision())
                  ? "canary"
                  : Objects.equals(revision, s.previousRevision()) ? "previous" : "retired";
      var container = d.getSpec().getTemplate().getSpec().getContainers();
      out.add(
          new Revision(
              revision,
              role,
              container.isEmpty() ? "" : container.get(0).getImage(),
              d.getStatus() == null ? 0 : ServiceRow.value(d.getStatus().getReadyReplicas()),
              ServiceRow.value(d.getSpec().getReplicas()),
              ago(d.getMetadata().getCreationTimestamp(), now)));
    }
    out.sort(
        Comparator.comparing(
            r -> List.of("canary", "stable", "previous", "retired").indexOf(r.role())));
    return out;
  }

  /** The release history, newest first. */
  static List<Action> history(List<HistoryEntry> oldestFirst, Instant now) {
    List<Action> out = new ArrayList<>();
    for (int i = oldestFirst.size() - 1; i >= 0; i--) {
      out.add(action(oldestFirst.get(i), now));
    }
    return out;
  }

  private static List<Step> steps(Rollout rollout, MicroserviceStatus s) {
    if (rollout.strategy() != Rollout.Strategy.Canary || rollout.canary() == null) {
      return List.of();
    }
    return steps(
        rollout.canary().steps(),
        s.canaryRevision() != null,
        ServiceRow.value(s.currentStepIndex()));
  }

  /** {@code steps}, each before, at or past step {@code at} of a release (idle without one). */
  static List<Step> steps(List<CanaryStep> steps, boolean releasing, int at) {
    List<Step> out = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      String state = !releasing ? "idle" : i < at ? "done" : i == at ? "current" : "pending";
      out.add(new Step(i + 1, ServiceRow.describe(steps.get(i)), state));
    }
    return out;
  }

  private static Analysis analysis(AnalysisStatus a, Rollout rollout, Instant now) {
    if (a == null) {
      return null;
    }
    return new Analysis(
        a.verdict(),
        a.weight(),
        ago(a.checkedAt(), now),
        ServiceRow.value(a.failedChecks()),
        a.measurements().stream()
            .map(
                m ->
                    new Measurement(
                        m.metric(),
                        number(m.value()),
                        number(m.stableValue()),
                        m.threshold(),
                        m.verdict(),
                        m.reason()))
            .toList());
  }

  private static List<AnalysisMetric> thresholds(Rollout rollout) {
    return rollout.canary() == null || rollout.canary().analysis() == null
        ? List.of()
        : rollout.canary().analysis().metrics();
  }

  private static Action action(HistoryEntry h, Instant now) {
    return new Action(
        h.time(),
        ago(h.time(), now),
        h.user(),
        h.action(),
        h.weight(),
        h.reason(),
        h.outcome(),
        h.message());
  }

  private static EventLine event(Event e, Instant now) {
    return new EventLine(
        e.getType(),
        e.getReason(),
        e.getMessage(),
        ago(lastSeen(e), now),
        ServiceRow.value(e.getCount()) == 0 ? 1 : e.getCount());
  }

  private static String lastSeen(Event e) {
    String t =
        e.getLastTimestamp() != null
            ? e.getLastTimestamp()
            : e.getEventTime() != null ? e.getEventTime().getTime() : null;
    return t == null ? e.getMetadata().getCreationTimestamp() : t;
  }

  private static String condition(Condition c) {
    return c.getType()
        + "="
        + c.getStatus()
        + (c.getReason() == null ? "" : " (" + c.getReason() + ")");
  }

  static String number(Double d) {
    if (d == null) {
      return "";
    }
    return d == Math.rint(d) && Math.abs(d) < 1e15
        ? Long.toString(d.longValue())
        : String.format("%.4g", d);
  }

  /** "12s ago", "5m ago", "3h ago", "2d ago"; empty when the time is unknown or unreadable. */
  static String ago(String time, Instant now) {
    if (time == null) {
      return "";
    }
    Duration d;
    try {
      d = Duration.between(Instant.parse(time), now);
    } catch (DateTimeParseException e) {
      return "";
    }
    if (d.toMinutes() < 1) {
      return Math.max(0, d.toSeconds()) + "s ago";
    }
    if (d.toHours() < 1) {
      return d.toMinutes() + "m ago";
    }
    return d.toDays() < 1 ? d.toHours() + "h ago" : d.toDays() + "d ago";
  }
}
