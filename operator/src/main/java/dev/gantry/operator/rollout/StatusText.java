package dev.gantry.operator.rollout;

import dev.gantry.operator.api.ApiStatus;
import dev.gantry.operator.api.Phase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every sentence the status says about a rollout, and the phase that goes with it, in one place. A
 * transition names its situation; the text is written here and nowhere else.
 */
public final class StatusText {

  private StatusText() {}

  /**
   * What a judged revision breaks, for a status message, a condition and an Event alike: the first
   * three changes, each with whom it breaks, and how many more.
   */
  static String breaks(List<ApiStatus.ApiChange> changes) {
    StringBuilder out = new StringBuilder();
    int shown = Math.min(changes.size(), 3);
    for (int i = 0; i < shown; i++) {
      ApiStatus.ApiChange c = changes.get(i);
      out.append(i == 0 ? "" : ", ")
          .append(c.subject())
          .append(" (")
          .append(c.change())
          .append(c.provider() == null ? ") used by " + String.join(", ", c.consumers()) : ")");
    }
    if (changes.size() > shown) {
      out.append(" and ").append(changes.size() - shown).append(" more");
    }
    return out.toString();
  }

  /** What a decision leaves the rollout in, as the user reads it. */
  sealed interface Situation {
    Phase phase();

    String text();
  }

  record Starting(String revision, int ready, int size) implements Situation {
    public Phase phase() {
      return Phase.Pending;
    }

    public String text() {
      return "starting revision " + revision + ": " + ready + "/" + size + " replicas ready";
    }
  }

  record Serving(String revision, int size) implements Situation {
    public Phase phase() {
      return Phase.Healthy;
    }

    public String text() {
      return "revision " + revision + " serves with " + size + "/" + size + " replicas ready";
    }
  }

  record Replaced(String revision, String replaced, int ready, int size) implements Situation {
    public Phase phase() {
      return Phase.Healthy;
    }

    public String text() {
      return "revision "
          + revision
          + " replaced "
          + replaced
          + " and serves with "
          + ready
          + "/"
          + size
          + " replicas ready";
    }
  }

  record ServingShort(String revision, int ready, int size) implements Situation {
    public Phase phase() {
      return Phase.Degraded;
    }

    public String text() {
      return "revision " + revision + " has " + ready + "/" + size + " replicas ready";
    }
  }

  record Scaling(String revision, int size) implements Situation {
    public Phase phase() {
      return Phase.Progressing;
    }

    public String text() {
      return "scaling revision " + revision + " to " + size + " replicas";
    }
  }

  record AbortedBy(String aborted, String user, String stable) implements Situation {
    public Phase phase() {
      return Phase.Aborted;
    }

    public String text() {
      return "revision "
          + aborted
          + " aborted by "
          + user
          + "; all traffic is back on revision "
          + stable;
    }
  }

  record AbortedByAnalysis(String aborted, String why, String stable) implements Situation {
    public Phase phase() {
      return Phase.Aborted;
    }

    public String text() {
      return "revision "
          + aborted
          + " aborted by analysis after "
          + why
          + "; all traffic is back on revision "
          + stable;
    }
  }

  /** Still aborted: what the status said when it was. */
  record StillAborted(String said) implements Situation {
    public Phase phase() {
      return Phase.Aborted;
    }

    public String text() {
      return said;
    }
  }

  /** A new revision waits for a rollout slot. */
  record Queued(String revision, String stable, Slot slot) implements Situation {
    public Phase phase() {
      return Phase.Queued;
    }

    public String text() {
      return "revision " + revision + " " + waitsFor(slot) + "; revision " + stable + " serves";
    }
  }

  /** A member's new revision waits for its release group to release it. */
  record WaitingForGroup(String group, String revision, String stable, String why)
      implements Situation {
    public Phase phase() {
      return Phase.Queued;
    }

    public String text() {
      return "revision "
          + revision
          + " waits for release group "
          + group
          + ": "
          + why
          + (stable == null ? "" : "; revision " + stable + " serves");
    }
  }

  /** A member's canary at the weight its release group gives it. */
  record GroupStep(String group, String canary, int weight) implements Situation {
    public Phase phase() {
      return Phase.Progressing;
    }

    public String text() {
      return "revision "
          + canary
          + " receives "
          + weight
          + "% of traffic in release group "
          + group;
    }
  }

  /** A member's canary aborted with the rest of its release group. */
  record AbortedWithGroup(String group, String aborted, String stable) implements Situation {
    public Phase phase() {
      return Phase.Aborted;
    }

    public String text() {
      return "release group "
          + group
          + " aborted its release: revision "
          + aborted
          + " is held back; revision "
          + stable
          + " serves";
    }
  }

  /** Where a claim stands in the queue for a rollout slot, and which budget it waits for. */
  static String waitsFor(Slot slot) {
    Slot.Budget budget = slot.budget();
    String which =
        budget.operatorWide()
            ? "the operator-wide budget of " + rollouts(budget.limit())
            : "namespace "
                + budget.namespace()
                + "'s budget of "
                + rollouts(budget.limit())
                + " (gantry.dev/max-concurrent-rollouts)";
    return "waits for a rollout slot, number "
        + slot.position()
        + " in line: "
        + which
        + " is taken";
  }

  private static String rollouts(int limit) {
    return limit == 1 ? "1 concurrent rollout" : limit + " concurrent rollouts";
  }

  // ---- a release group's sentences ----

  static String groupProblems(List<String> missing, Map<String, String> elsewhere) {
    List<String> parts = new ArrayList<>();
    if (!missing.isEmpty()) {
      parts.add("no Microservice " + String.join(", ", missing) + " in the namespace");
    }
    new TreeMap<>(elsewhere)
        .forEach(
            (member, group) ->
                parts.add(
                    member
                        + " belongs to release group "
                        + group
                        + " (a Microservice belongs to one group; remove it from spec.members)"));
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  static String groupGathering(int release, Instant until, String releasing) {
    return "release " + release + " gathers its members' changes until " + until + ": " + releasing;
  }

  static String groupQueued(int release, Slot slot) {
    return "release " + release + " " + waitsFor(slot);
  }

  static String groupStep(
      String group,
      int release,
      int step,
      int steps,
      Integer weight,
      boolean waitsForHuman,
      String releasing,
      List<String> pending) {
    String where =
        "release "
            + release
            + " at step "
            + step
            + " of "
            + steps
            + ", weight "
            + weight
            + "%: "
            + releasing;
    if (waitsForHuman) {
      return where + "; paused: kubectl gantry resume group/" + group;
    }
    return pending.isEmpty()
        ? where
        : where + "; waiting for " + String.join(", ", pending) + " to reach " + weight + "%";
  }

  static String groupPromoting(int release, String releasing) {
    return "promoting release " + release + ", providers first: " + releasing;
  }

  static String groupAborted(int release, String why) {
    return "release "
        + release
        + " aborted"
        + (why == null ? "" : ": " + why)
        + "; every member's traffic is back on its stable revision";
  }

  static String groupRetrying(int release, String releasing) {
    return "release " + release + " starts again: its members let go of " + releasing;
  }

  static String groupUndoing(int release, String previous) {
    return "undoing release " + release + ", consumers first: back to " + previous;
  }

  static String groupIdle(int release, boolean nothingToUndo) {
    if (release == 0) {
      return "no release yet: every member serves its stable revision";
    }
    return "release "
        + release
        + (nothingToUndo ? " is done" : " is promoted")
        + ": every member serves its stable revision";
  }

  record HeldBack(String held, String stable) implements Situation {
    public Phase phase() {
      return Phase.Aborted;
    }

    public String text() {
      return "revision " + held + " is held back; revision " + stable + " serves";
    }
  }

  record WentBack(String stable, String held) implements Situation {
    public Phase phase() {
      return Phase.Aborted;
    }

    public String text() {
      return "went back to revision "
          + stable
          + "; revision "
          + held
          + " is held back until the spec changes or a Resume";
    }
  }

  record NotReadyInTime(String canary, int ready, int size, String stable) implements Situation {
    public Phase phase() {
      return Phase.Degraded;
    }

    public String text() {
      return "revision "
          + canary
          + " did not become ready in time ("
          + ready
          + "/"
          + size
          + " ready); revision "
          + stable
          + " keeps serving";
    }
  }

  record RollingOut(String canary, boolean goingBack, int ready, int size, String stable)
      implements Situation {
    public Phase phase() {
      return Phase.Progressing;
    }

    public String text() {
      return (goingBack ? "going back to revision " : "rolling out revision ")
          + canary
          + ": "
          + ready
          + "/"
          + size
          + " replicas ready; revision "
          + stable
          + " serves";
    }
  }

  record PreviewSwitchingIn(String canary, long seconds) implements Situation {
    public Phase phase() {
      return Phase.Paused;
    }

    public String text() {
      return "preview of revision " + canary + " is ready; switching in " + seconds + "s";
    }
  }

  record PreviewWaiting(String canary) implements Situation {
    public Phase phase() {
      return Phase.Paused;
    }

    public String text() {
      return "preview of revision " + canary + " is ready; waiting for promotion";
    }
  }

  record HeldByReleaseManager(String canary, int weight) implements Situation {
    public Phase phase() {
      return Phase.Paused;
    }

    public String text() {
      return "revision " + canary + " held at " + weight + "% by a release manager";
    }
  }

  record PausedAtStep(String canary, int step, int weight, boolean untilPromoted)
      implements Situation {
    public Phase phase() {
      return Phase.Paused;
    }

    public String text() {
      return "revision "
          + canary
          + " paused at step "
          + step
          + " with "
          + weight
          + "% of traffic"
          + (untilPromoted ? ", until promoted or resumed" : "");
    }
  }

  record Pausing(String canary, int weight, String duration, long secondsLeft)
      implements Situation {
    public Phase phase() {
      return Phase.Paused;
    }

    public String text() {
      return "revision "
          + canary
          + " at "
          + weight
          + "%: pausing "
          + duration
          + " ("
          + secondsLeft
          + "s left)";
    }
  }

  /** The API-compatibility gate holds the canary at no traffic. */
  record HeldByApiGate(String canary, ApiStatus api) implements Situation {
    public Phase phase() {
      return Phase.Paused;
    }

    public String text() {
      if (ApiStatus.UNKNOWN.equals(api.verdict())) {
        return "revision "
            + canary
            + " gets no traffic: its API compatibility cannot be judged ("
            + api.reason()
            + ")";
      }
      return "revision "
          + canary
          + " gets no traffic: it breaks "
          + breaks(api.breaking())
          + "; change it back, or a release manager accepts it (kubectl gantry"
          + " accept-breaking-change)";
    }
  }

  record PausedByAnalysis(String canary, String why) implements Situation {
    public Phase phase() {
      return Phase.Paused;
    }

    public String text() {
      return "revision " + canary + " paused by analysis after " + why;
    }
  }

  record Analysing(String canary, int weight, String lastVerdict) implements Situation {
    public Phase phase() {
      return Phase.Progressing;
    }

    public String text() {
      return "analysing revision "
          + canary
          + " at "
          + weight
          + "% of traffic"
          + (lastVerdict != null ? " (last check: " + lastVerdict + ")" : "");
    }
  }

  record Receives(String canary, int weight) implements Situation {
    public Phase phase() {
      return Phase.Progressing;
    }

    public String text() {
      return "revision " + canary + " receives " + weight + "% of traffic";
    }
  }

  record ScalingCanary(String canary, int replicas, int ready, int weight) implements Situation {
    public Phase phase() {
      return Phase.Progressing;
    }

    public String text() {
      return "scaling revision "
          + canary
          + " to "
          + replicas
          + " replicas ("
          + ready
          + " ready) before "
          + weight
          + "% of traffic";
    }
  }
}
