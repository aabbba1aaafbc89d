package dev.gantry.operator.rollout;

import dev.gantry.operator.api.CanaryStep;
import dev.gantry.operator.api.Durations;
import dev.gantry.operator.api.GroupPhase;
import dev.gantry.operator.api.HistoryEntry;
import dev.gantry.operator.api.MemberRelease;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.api.ReleaseActionSpec;
import dev.gantry.operator.api.ReleaseGroupStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A release group as a state machine, without I/O: the members that changed within the gather
 * window move through the group's steps together — at each weight step providers first, then their
 * consumers; the group moves on only when every changed member runs at the step's weight (capacity
 * first) and, under analysis, passed a check there — and are promoted in one pass, providers first.
 * A member that fails aborts them all; a member that changes again supersedes the release. The
 * release counts once against the budgets of concurrent rollouts.
 *
 * <p>Its memory is the group's status, which also tells each member what to do now ({@link
 * GroupDirective}); the members report back through their own statuses ({@link MemberView}).
 */
public final class GroupRollout {

  public static final String IDLE = "Idle";
  public static final String GATHERING = "Gathering";
  public static final String QUEUED = "Queued";
  public static final String STEPPING = "Stepping";
  public static final String PROMOTING = "Promoting";
  public static final String ABORTED = "Aborted";
  public static final String UNDOING = "Undoing";
  public static final String RETRYING = "Retrying";

  private GroupRollout() {}

  /** The release being decided: the status's memory, changed as the decision goes. */
  private static final class Draft {
    String stage;
    int release;
    int step;
    int order;
    Instant gatherUntil;
    Instant stepStartedAt;
    boolean paused;
    Instant queuedSince;
    final Map<String, String> candidates = new TreeMap<>();
    final Map<String, String> previous = new TreeMap<>();
    final List<HistoryEntry> history = new ArrayList<>();
    String why;

    static Draft of(ReleaseGroupStatus s) {
      Draft d = new Draft();
      d.stage = s.stage() == null ? IDLE : s.stage();
      d.release = s.release() == null ? 0 : s.release();
      d.step = s.currentStepIndex() == null ? 0 : s.currentStepIndex();
      d.order = s.order() == null ? 0 : s.order();
      d.gatherUntil = s.gatherUntil() == null ? null : Instant.parse(s.gatherUntil());
      d.stepStartedAt = s.stepStartedAt() == null ? null : Instant.parse(s.stepStartedAt());
      d.paused = Boolean.TRUE.equals(s.paused());
      d.queuedSince = s.queuedSince() == null ? null : Instant.parse(s.queuedSince());
      for (MemberRelease m : s.members()) {
        if (m.candidateRevision() != null) {
          d.candidates.put(m.name(), m.candidateRevision());
        }
        if (m.previousRevision() != null) {
          d.previous.put(m.name(), m.previousRevision());
        }
      }
      d.history.addAll(s.history());
      return d;
    }

    void begin(String nextStage, Instant now) {
      stage = nextStage;
      step = 0;
      order = 0;
      paused = false;
      stepStartedAt = now;
    }
  }

  public static GroupPlan plan(GroupInput in) {
    Draft d = Draft.of(in.status());
    Map<String, MemberView> members = new TreeMap<>();
    in.members()
        .forEach(
            (name, view) -> {
              if (in.spec().members().contains(name) && !in.elsewhere().containsKey(name)) {
                members.put(name, view);
              }
            });
    List<ActionOutcome> outcomes = new ArrayList<>();
    for (PendingAction action : in.actions()) {
      outcomes.add(act(d, in, members, action));
    }
    d.candidates.keySet().retainAll(members.keySet());
    follow(d, in, members);
    Duration requeue = null;
    // One stage can lead to the next within a decision (retried → queued → stepping); each stage
    // is visited at most once.
    for (int i = 0; i < 4; i++) {
      if (d.stage.equals(QUEUED) && in.slot().open()) {
        d.begin(STEPPING, in.now());
        d.queuedSince = null;
      }
      String before = d.stage;
      requeue = advance(d, in, members);
      if (d.stage.equals(before)) {
        break;
      }
    }
    return new GroupPlan(
        status(d, in, members),
        outcomes,
        Optional.ofNullable(requeue),
        d.stage.equals(STEPPING) || d.stage.equals(PROMOTING) || d.stage.equals(UNDOING));
  }

  /** The members' changes: a first change starts gathering; a later one supersedes the release. */
  private static void follow(Draft d, GroupInput in, Map<String, MemberView> members) {
    Map<String, String> waiting = new TreeMap<>();
    members.forEach(
        (name, view) -> {
          if (view.waiting() != null) {
            waiting.put(name, view.waiting());
          }
        });
    boolean news =
        waiting.entrySet().stream()
            .anyMatch(e -> !e.getValue().equals(d.candidates.get(e.getKey())));
    switch (d.stage) {
      case IDLE, ABORTED -> {
        if (news) {
          gather(d, in, waiting, d.stage.equals(ABORTED) ? Map.of() : d.candidates);
        }
      }
      case GATHERING -> {
        d.candidates.putAll(waiting);
        if (!in.now().isBefore(d.gatherUntil)) {
          d.stage = QUEUED;
          d.queuedSince = Objects.requireNonNullElse(d.queuedSince, in.now());
        }
      }
      case QUEUED, STEPPING -> {
        if (news) {
          gather(d, in, waiting, d.candidates);
        }
      }
      default -> {
        // Promoting and undoing finish first; a change waits for the next release.
      }
    }
  }

  private static void gather(
      Draft d, GroupInput in, Map<String, String> waiting, Map<String, String> kept) {
    Map<String, String> candidates = new TreeMap<>(kept);
    candidates.putAll(waiting);
    d.candidates.clear();
    d.candidates.putAll(candidates);
    d.release++;
    // A release superseded while queued keeps its place: queuedSince stays.
    d.begin(GATHERING, in.now());
    d.gatherUntil = in.now().plusSeconds(in.spec().gatherSeconds());
  }

  /** Moves the release as far as the members allow now; returns when to look again. */
  private static Duration advance(Draft d, GroupInput in, Map<String, MemberView> members) {
    switch (d.stage) {
      case GATHERING -> {
        return Duration.between(in.now(), d.gatherUntil);
      }
      case STEPPING -> {
        return step(d, in, members);
      }
      case PROMOTING -> {
        List<List<String>> layers = layers(d, members);
        while (d.order < layers.size()
            && layers.get(d.order).stream()
                .allMatch(m -> serves(members.get(m), d.candidates.get(m)))) {
          d.order++;
        }
        if (d.order >= layers.size()) {
          d.candidates.clear();
          d.stage = IDLE;
        }
        return null;
      }
      case RETRYING -> {
        // Every member lets go of its aborted candidate first, or it would abort the retry.
        if (d.candidates.entrySet().stream()
            .noneMatch(e -> e.getValue().equals(members.get(e.getKey()).held()))) {
          d.stage = QUEUED;
          d.queuedSince = in.now();
        }
        return null;
      }
      case UNDOING -> {
        List<List<String>> layers = undoLayers(d, members);
        while (d.order < layers.size()
            && layers.get(d.order).stream()
                .allMatch(m -> serves(members.get(m), d.previous.get(m)))) {
          d.order++;
        }
        if (d.order >= layers.size()) {
          d.previous.clear();
          d.stage = IDLE;
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  private static Duration step(Draft d, GroupInput in, Map<String, MemberView> members) {
    Optional<String> failed = failure(d, members);
    if (failed.isPresent()) {
      d.stage = ABORTED;
      d.why = failed.get();
      return null;
    }
    List<CanaryStep> steps = in.spec().steps();
    List<List<String>> layers = layers(d, members);
    while (!d.paused) {
      if (d.step >= steps.size()) {
        startPromotion(d, members);
        return null;
      }
      CanaryStep current = steps.get(d.step);
      if (current.setWeight() != null) {
        int weight = current.setWeight();
        while (d.order < layers.size()
            && layers.get(d.order).stream().allMatch(m -> at(members.get(m), d, m, weight))) {
          d.order++;
        }
        if (d.order < layers.size()) {
          return null;
        }
        if (in.spec().analysis() != null
            && weight > 0
            && !d.candidates.keySet().stream()
                .allMatch(m -> passedAt(members.get(m), d, m, weight))) {
          return null;
        }
        next(d, in.now());
        continue;
      }
      if (current.pause().duration() == null) {
        return null;
      }
      Duration left =
          Duration.between(
              in.now(), d.stepStartedAt.plus(Durations.parse(current.pause().duration())));
      if (!left.isNegative() && !left.isZero()) {
        return left;
      }
      next(d, in.now());
    }
    return null;
  }

  private static boolean serves(MemberView m, String revision) {
    return m.current() && revision.equals(m.stable());
  }

  private static void next(Draft d, Instant now) {
    d.step++;
    d.order = 0;
    d.stepStartedAt = now;
  }

  private static void startPromotion(Draft d, Map<String, MemberView> members) {
    d.stage = PROMOTING;
    d.order = 0;
    d.paused = false;
    d.previous.clear();
    d.candidates.forEach((m, c) -> d.previous.put(m, members.get(m).stable()));
  }

  /** A changed member whose candidate was aborted (by its analysis) or cannot become ready. */
  private static Optional<String> failure(Draft d, Map<String, MemberView> members) {
    for (var e : d.candidates.entrySet()) {
      MemberView m = members.get(e.getKey());
      if (e.getValue().equals(m.held())) {
        return Optional.of(e.getKey() + "'s revision " + e.getValue() + " was aborted");
      }
      if (m.phase() == Phase.Degraded && e.getValue().equals(m.canary())) {
        return Optional.of(
            e.getKey() + "'s revision " + e.getValue() + " does not become ready in time");
      }
    }
    return Optional.empty();
  }

  /** At the weight, as a status that reflects the member's latest spec says. */
  private static boolean at(MemberView m, Draft d, String name, int weight) {
    return m.current() && d.candidates.get(name).equals(m.canary()) && m.canaryWeight() == weight;
  }

  private static boolean passedAt(MemberView m, Draft d, String name, int weight) {
    var a = m.analysis();
    return a != null
        && d.candidates.get(name).equals(a.revision())
        && a.passedAtWeight() != null
        && a.passedAtWeight() == weight;
  }

  private static List<List<String>> layers(Draft d, Map<String, MemberView> members) {
    Map<String, List<String>> dependsOn = new HashMap<>();
    members.forEach((name, view) -> dependsOn.put(name, view.dependsOn()));
    return ProviderOrder.layers(d.candidates.keySet(), dependsOn);
  }

  /** Going back: consumers first, then the providers they call. */
  private static List<List<String>> undoLayers(Draft d, Map<String, MemberView> members) {
    Map<String, List<String>> dependsOn = new HashMap<>();
    members.forEach((name, view) -> dependsOn.put(name, view.dependsOn()));
    d.previous.keySet().retainAll(members.keySet());
    List<List<String>> layers =
        new ArrayList<>(ProviderOrder.layers(d.previous.keySet(), dependsOn));
    Collections.reverse(layers);
    return layers;
  }

  // ---- release actions ------------------------------------------------------------------------

  private static ActionOutcome act(
      Draft d, GroupInput in, Map<String, MemberView> members, PendingAction action) {
    Optional<HistoryEntry> done =
        d.history.stream().filter(h -> action.uid().equals(h.actionUid())).findFirst();
    if (done.isPresent()) {
      HistoryEntry h = done.get();
      return new ActionOutcome(action, "Applied".equals(h.outcome()), h.message(), null);
    }
    ReleaseActionSpec a = action.spec();
    boolean releasing = d.stage.equals(STEPPING);
    String noRelease = "release group " + in.name() + " has no release in progress";
    String refused = null;
    String applied = null;
    switch (a.action()) {
      case Pause -> {
        if (!releasing) {
          refused = noRelease;
        } else {
          d.paused = true;
          applied = "paused release " + d.release + " at step " + d.step + " for every member";
        }
      }
      case Resume -> {
        if (releasing && (d.paused || CanarySteps.waitsForHuman(in.spec().steps(), d.step))) {
          if (!d.paused) {
            next(d, in.now());
          }
          d.paused = false;
          applied = "release " + d.release + " resumes at step " + d.step;
        } else if (d.stage.equals(ABORTED) && !d.candidates.isEmpty()) {
          d.stage = RETRYING;
          d.why = null;
          applied = "release " + d.release + " starts again from its first step";
        } else {
          refused = releasing ? "release " + d.release + " is not paused" : noRelease;
        }
      }
      case Promote -> {
        if (!releasing) {
          refused = noRelease;
        } else {
          d.paused = false;
          next(d, in.now());
          applied =
              d.step >= in.spec().steps().size()
                  ? "promoting release " + d.release
                  : "release " + d.release + " moves on to step " + d.step;
        }
      }
      case PromoteFull -> {
        if (!releasing) {
          refused = noRelease;
        } else {
          d.step = in.spec().steps().size();
          d.paused = false;
          applied = "promoting release " + d.release + " at once, skipping the remaining steps";
        }
      }
      case Abort -> {
        if (releasing || d.stage.equals(QUEUED) || d.stage.equals(GATHERING)) {
          d.stage = ABORTED;
          d.queuedSince = null;
          d.why = "aborted by " + a.requestedBy();
          applied =
              "aborted release "
                  + d.release
                  + "; every member's traffic is back on its stable revision";
        } else {
          refused = noRelease;
        }
      }
      case Undo -> {
        d.previous.keySet().retainAll(members.keySet());
        if (!d.stage.equals(IDLE)) {
          refused = "release " + d.release + " is " + d.stage.toLowerCase() + "; abort it instead";
        } else if (d.previous.isEmpty()) {
          refused = "release group " + in.name() + " has no previous release to go back to";
        } else {
          d.begin(UNDOING, in.now());
          applied =
              "going back to the revisions before release "
                  + d.release
                  + " for "
                  + String.join(", ", d.previous.keySet())
                  + ", consumers first";
        }
      }
      case SetWeight ->
          refused =
              "a release group moves by its steps; use Promote, or SetWeight on one Microservice"
                  + " outside a group";
      case AcceptBreakingChange ->
          refused =
              "accept a breaking change on the member whose API gate holds it (target the"
                  + " Microservice)";
      default -> refused = "unknown action " + a.action();
    }
    boolean ok = applied != null;
    String message = ok ? applied : refused;
    List<HistoryEntry> history =
        ActionRules.recorded(d.history, action, in.now(), ok, message, "release " + d.release);
    d.history.clear();
    d.history.addAll(history);
    return new ActionOutcome(action, ok, message, null);
  }

  // ---- the status: what the user reads and what each member is told -------------------------

  private static ReleaseGroupStatus status(
      Draft d, GroupInput in, Map<String, MemberView> members) {
    List<CanaryStep> steps = in.spec().steps();
    Integer weight = currentWeight(d, steps);
    Map<String, Integer> order = new HashMap<>();
    List<List<String>> layers =
        d.stage.equals(UNDOING) ? undoLayers(d, members) : layers(d, members);
    for (int i = 0; i < layers.size(); i++) {
      for (String m : layers.get(i)) {
        order.put(m, i);
      }
    }
    List<MemberRelease> entries = new ArrayList<>();
    for (String name : in.spec().members()) {
      MemberView view = members.get(name);
      String candidate = d.candidates.get(name);
      Directive directive =
          view == null ? new Directive(MemberRelease.NONE, null) : directive(d, steps, name, order);
      entries.add(
          new MemberRelease(
              name,
              view == null ? null : view.stable(),
              candidate,
              d.previous.get(name),
              directive.weight(),
              in.elsewhere().containsKey(name) ? null : directive.kind(),
              order.get(name),
              view == null ? null : view.phase() == null ? null : view.phase().name()));
    }
    Situation situation = situation(d, in, members, weight);
    return new ReleaseGroupStatus(
        situation.phase(),
        in.generation(),
        d.release == 0 ? null : d.release,
        d.stage,
        d.stage.equals(STEPPING) ? d.step : null,
        weight,
        d.stage.equals(STEPPING) || d.stage.equals(PROMOTING) || d.stage.equals(UNDOING)
            ? d.order
            : null,
        d.candidates.isEmpty() ? null : String.join(",", d.candidates.keySet()),
        d.stage.equals(GATHERING) ? d.gatherUntil.toString() : null,
        d.stage.equals(STEPPING) && d.stepStartedAt != null ? d.stepStartedAt.toString() : null,
        d.paused ? Boolean.TRUE : null,
        (d.stage.equals(QUEUED) || d.stage.equals(GATHERING)) && d.queuedSince != null
            ? d.queuedSince.toString()
            : null,
        d.stage.equals(QUEUED) && !in.slot().open() ? in.slot().position() : null,
        entries,
        situation.text(),
        in.status().conditions(),
        d.history);
  }

  /** What one member does now, and the weight it is given. */
  private record Directive(String kind, Integer weight) {}

  private static Directive directive(
      Draft d, List<CanaryStep> steps, String name, Map<String, Integer> order) {
    String candidate = d.candidates.get(name);
    switch (d.stage) {
      case GATHERING, QUEUED -> {
        return new Directive(candidate != null ? MemberRelease.WAIT : MemberRelease.NONE, null);
      }
      case STEPPING -> {
        if (candidate == null) {
          return new Directive(MemberRelease.NONE, null);
        }
        CanaryStep current = d.step < steps.size() ? steps.get(d.step) : null;
        int before = CanarySteps.weightGivenBefore(steps, d.step);
        int weight =
            current != null && current.setWeight() != null && order.get(name) <= d.order
                ? current.setWeight()
                : before;
        return new Directive(MemberRelease.STEP, weight);
      }
      case PROMOTING -> {
        if (candidate == null) {
          return new Directive(MemberRelease.NONE, null);
        }
        int mine = order.get(name);
        return mine <= d.order
            ? new Directive(MemberRelease.PROMOTE, 100)
            : new Directive(MemberRelease.STEP, CanarySteps.weightGivenBefore(steps, steps.size()));
      }
      case ABORTED -> {
        return new Directive(candidate != null ? MemberRelease.ABORT : MemberRelease.NONE, 0);
      }
      case RETRYING -> {
        return new Directive(candidate != null ? MemberRelease.RETRY : MemberRelease.NONE, null);
      }
      case UNDOING -> {
        Integer mine = order.get(name);
        return mine != null && mine <= d.order && d.previous.containsKey(name)
            ? new Directive(MemberRelease.UNDO, null)
            : new Directive(MemberRelease.NONE, null);
      }
      default -> {
        return new Directive(MemberRelease.NONE, null);
      }
    }
  }

  private static Integer currentWeight(Draft d, List<CanaryStep> steps) {
    if (!d.stage.equals(STEPPING)) {
      return null;
    }
    if (d.step < steps.size() && steps.get(d.step).setWeight() != null) {
      return steps.get(d.step).setWeight();
    }
    return CanarySteps.weightGivenBefore(steps, d.step);
  }

  private record Situation(GroupPhase phase, String text) {}

  private static Situation situation(
      Draft d, GroupInput in, Map<String, MemberView> members, Integer weight) {
    List<String> missing =
        in.spec().members().stream().filter(m -> !in.members().containsKey(m)).toList();
    String problems = StatusText.groupProblems(missing, in.elsewhere());
    String releasing = describe(d.candidates);
    Situation s =
        switch (d.stage) {
          case GATHERING ->
              new Situation(
                  GroupPhase.Gathering,
                  StatusText.groupGathering(d.release, d.gatherUntil, releasing));
          case QUEUED ->
              new Situation(GroupPhase.Queued, StatusText.groupQueued(d.release, in.slot()));
          case STEPPING -> {
            CanaryStep current =
                d.step < in.spec().steps().size() ? in.spec().steps().get(d.step) : null;
            boolean waitsForHuman =
                d.paused || CanarySteps.waitsForHuman(in.spec().steps(), d.step);
            yield new Situation(
                waitsForHuman || current != null && current.pause() != null
                    ? GroupPhase.Paused
                    : GroupPhase.Progressing,
                StatusText.groupStep(
                    in.name(),
                    d.release,
                    d.step,
                    in.spec().steps().size(),
                    weight,
                    waitsForHuman,
                    releasing,
                    pending(d, members, weight)));
          }
          case PROMOTING ->
              new Situation(
                  GroupPhase.Progressing, StatusText.groupPromoting(d.release, releasing));
          case ABORTED ->
              new Situation(
                  GroupPhase.Aborted,
                  d.why != null
                      ? StatusText.groupAborted(d.release, d.why)
                      : in.status().message());
          case RETRYING ->
              new Situation(GroupPhase.Queued, StatusText.groupRetrying(d.release, releasing));
          case UNDOING ->
              new Situation(
                  GroupPhase.Progressing, StatusText.groupUndoing(d.release, describe(d.previous)));
          default ->
              new Situation(
                  d.release == 0 ? GroupPhase.Pending : GroupPhase.Healthy,
                  StatusText.groupIdle(d.release, d.previous.isEmpty()));
        };
    if (problems != null) {
      return new Situation(
          d.stage.equals(IDLE) ? GroupPhase.Degraded : s.phase(), problems + "; " + s.text());
    }
    return s;
  }

  /** The changed members not yet at the step's weight. */
  private static List<String> pending(Draft d, Map<String, MemberView> members, Integer weight) {
    if (weight == null) {
      return List.of();
    }
    return d.candidates.keySet().stream().filter(m -> !at(members.get(m), d, m, weight)).toList();
  }

  private static String describe(Map<String, String> revisions) {
    Map<String, String> sorted = new LinkedHashMap<>(new TreeMap<>(revisions));
    List<String> parts = new ArrayList<>();
    sorted.forEach((m, r) -> parts.add(m + " " + r));
    return String.join(", ", parts);
  }
}
