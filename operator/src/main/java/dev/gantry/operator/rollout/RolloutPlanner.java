package dev.gantry.operator.rollout;

import dev.gantry.operator.analysis.Check;
import dev.gantry.operator.analysis.Schedule;
import dev.gantry.operator.api.Analysis;
import dev.gantry.operator.api.AnalysisStatus;
import dev.gantry.operator.api.BlueGreen;
import dev.gantry.operator.api.Canary;
import dev.gantry.operator.api.CanaryStep;
import dev.gantry.operator.api.Durations;
import dev.gantry.operator.api.HistoryEntry;
import dev.gantry.operator.api.MicroserviceSpec;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.api.ReleaseActionSpec;
import dev.gantry.operator.api.Rollout.Strategy;
import dev.gantry.operator.api.RolloutState;
import dev.gantry.operator.naming.Labels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides the next state of a rollout: which revisions run at what size, how traffic is split,
 * what the status says, and what became of each release action. One decision per call, from
 * the spec, the last status, what runs and the clock; no I/O.
 *
 * <p>A new spec revision becomes the canary beside the stable revision. {@code Rolling}
 * promotes it as soon as all its replicas are Ready; {@code Canary} walks its steps (weights and
 * pauses), scaling the canary to its share of traffic before raising the weight; {@code
 * BlueGreen} brings it up at full size behind preview hosts and switches all traffic at once.
 * Promotion moves the {@code stable} subset to the canary's pods — nothing is rolled again —
 * and the replaced revision keeps running for the scale-down delay, then stays at zero replicas
 * for a fast undo. At most one weight change happens per decision, so no step is skipped.
 */
public final class RolloutPlanner {

  private RolloutPlanner() {}

  public static RolloutPlan plan(RolloutInput in) {
    return new Decision(in).decide();
  }

  /** The working state of one decision. */
  private static final class Decision {
    private final RolloutInput in;
    private final MicroserviceSpec spec;
    private final Strategy strategy;
    private final int size;
    private final Instant now;

    private String stable;
    private String canary;
    private String previous;
    private int weight;
    private int step;
    private Instant stepStartedAt;
    private boolean paused;
    private Integer manualWeight;
    private boolean promoting;
    private String held;
    private String scaleDownRevision;
    private Instant scaleDownAt;
    private final List<HistoryEntry> history;
    private final Analysis analysisConfig;
    private AnalysisStatus analysis;
    private final List<ActionOutcome> outcomes = new ArrayList<>();

    private Phase phase;
    private String message;
    private Duration requeue;
    private int canaryReplicas;

    Decision(RolloutInput in) {
      this.in = in;
      this.spec = in.spec();
      this.strategy = spec.rollout().strategy();
      this.size = spec.desiredReplicas();
      this.now = in.now();
      MicroserviceStatus old = in.status();
      RolloutState state = old.rolloutState();
      stable = observed(old.stableRevision());
      previous = observed(old.previousRevision());
      canary = old.canaryRevision();
      weight = old.canaryWeight() == null ? 0 : old.canaryWeight();
      step = old.currentStepIndex() == null ? 0 : old.currentStepIndex();
      stepStartedAt = instant(state.stepStartedAt());
      paused = state.isPaused();
      manualWeight = state.manualWeight();
      promoting = state.isPromoting();
      held = state.heldRevision();
      scaleDownRevision = observed(state.scaleDownRevision());
      scaleDownAt = scaleDownRevision == null ? null : instant(state.scaleDownAt());
      history = new ArrayList<>(old.history());
      analysisConfig = strategy == Strategy.Canary && spec.rollout().canary() != null
          ? spec.rollout().canary().analysis() : null;
      analysis = old.analysis();
    }

    RolloutPlan decide() {
      if (stable == null) {
        return firstRevision();
      }
      followSpec();
      applyActions();
      progress();
      expireScaleDown();
      return plan();
    }

    // --- the first revision: nothing to replace, nothing to split -------------------------

    private RolloutPlan firstRevision() {
      String wanted = in.revision();
      RevisionObservation next = in.observed().get(wanted);
      canary = null;
      weight = 0;
      held = null;
      scaleDownRevision = null;
      for (PendingAction action : in.actions()) {
        reject(action, "the first revision is still starting; there is no rollout to act on yet", wanted);
      }
      if (next != null && next.readyAt(size)) {
        stable = wanted;
        phase = Phase.Healthy;
        message = "revision " + wanted + " serves with " + size + "/" + size + " replicas ready";
      } else {
        phase = Phase.Pending;
        message = "starting revision " + wanted + ": " + ready(wanted) + "/" + size + " replicas ready";
      }
      Map<String, Integer> replicas = new LinkedHashMap<>();
      replicas.put(wanted, size);
      return new RolloutPlan(replicas, wanted, routing(wanted), status(wanted), outcomes, Optional.empty());
    }

    // --- the spec: what the rollout heads for --------------------------------------------

    /** The revision the rollout heads for: the spec's, unless it serves already or is held. */
    private String target() {
      String wanted = in.revision();
      if (wanted.equals(held) || wanted.equals(stable)) {
        return null;
      }
      return wanted;
    }

    private void followSpec() {
      String wanted = in.revision();
      if (held != null && !held.equals(wanted)) {
        held = null; // the spec moved on: what was held back no longer matters
      }
      String target = target();
      if (target == null) {
        if (canary != null && held == null) {
          // The spec went back to the stable revision: the canary has nothing to become.
          retire(canary);
          clearCanary();
        }
        return;
      }
      if (!target.equals(canary)) {
        if (canary != null && !canary.equals(stable)) {
          retire(canary);
        }
        startCanary(target, strategy == Strategy.Rolling);
        analysis = null;
      }
    }

    // --- release actions -------------------------------------------------------------------

    private void applyActions() {
      Set<String> done = history.stream().map(HistoryEntry::actionUid).filter(uid -> uid != null)
          .collect(Collectors.toSet());
      for (PendingAction action : in.actions()) {
        if (done.contains(action.uid())) {
          HistoryEntry entry = history.stream().filter(h -> action.uid().equals(h.actionUid())).findFirst().orElseThrow();
          outcomes.add(new ActionOutcome(action, "Applied".equals(entry.outcome()), entry.message(), entry.revision()));
          continue;
        }
        apply(action);
        followSpec();
      }
    }

    private void apply(PendingAction action) {
      ReleaseActionSpec a = action.spec();
      String subject = canary != null ? canary : stable;
      switch (a.action()) {
        case SetWeight -> {
          if (strategy != Strategy.Canary) {
            reject(action, "SetWeight needs the Canary strategy; " + strategy + " switches all traffic at once (use Promote)", subject);
          } else if (canary == null || held != null) {
            reject(action, noRollout(), subject);
          } else if (promoting) {
            reject(action, "revision " + canary + " is being promoted", subject);
          } else {
            manualWeight = a.weight();
            paused = true;
            accept(action, "weight " + a.weight() + "% for revision " + canary
                + ", held until the next action or promotion", canary);
          }
        }
        case Promote -> {
          if (canary == null || held != null) {
            reject(action, noRollout(), subject);
          } else if (strategy == Strategy.Canary && !promoting) {
            paused = false;
            manualWeight = null;
            if (step < steps().size() && steps().get(step).pause() != null) {
              step++;
              stepStartedAt = now;
            }
            if (step >= steps().size()) {
              promoting = true;
            }
            accept(action, promoting ? "promoting revision " + canary : "revision " + canary + " moves on to step " + step, canary);
          } else {
            promoting = true;
            paused = false;
            accept(action, "promoting revision " + canary, canary);
          }
        }
        case PromoteFull -> {
          if (canary == null || held != null) {
            reject(action, noRollout(), subject);
          } else {
            promoting = true;
            paused = false;
            manualWeight = null;
            accept(action, "promoting revision " + canary + " at once, skipping the remaining steps", canary);
          }
        }
        case Abort -> {
          if (canary == null || held != null) {
            reject(action, held != null ? "revision " + held + " is already held back" : noRollout(), subject);
          } else {
            String aborted = canary;
            held = aborted;
            retire(aborted);
            clearCanary();
            phase = Phase.Aborted;
            message = "revision " + aborted + " aborted by " + a.requestedBy() + "; all traffic is back on revision "
                + stable;
            accept(action, "aborted revision " + aborted + "; all traffic is back on revision " + stable, aborted);
          }
        }
        case Pause -> {
          if (canary == null || held != null) {
            reject(action, noRollout(), subject);
          } else {
            paused = true;
            accept(action, "paused revision " + canary + " at step " + step + " with weight " + weight + "%", canary);
          }
        }
        case Resume -> {
          if (held != null) {
            String released = held;
            if (canary != null) {
              retire(canary);
              clearCanary();
            }
            held = null;
            accept(action, "revision " + released + " is no longer held back; the rollout starts again", released);
          } else if (canary != null && (paused || manualWeight != null || atIndefinitePause())) {
            if (!paused && manualWeight == null) {
              step++;
              stepStartedAt = now;
            }
            paused = false;
            manualWeight = null;
            accept(action, "revision " + canary + " resumes at step " + step, canary);
          } else {
            reject(action, canary == null ? noRollout() : "revision " + canary + " is not paused", subject);
          }
        }
        case Undo -> {
          if (canary != null) {
            reject(action, "revision " + canary + " is being rolled out; abort it instead", canary);
          } else if (held != null) {
            reject(action, "revision " + held + " is already held back; resume it or change the spec", stable);
          } else if (previous == null) {
            reject(action, "there is no previous revision to go back to", stable);
          } else {
            held = stable;
            startCanary(previous, true);
            accept(action, "going back to revision " + previous + "; revision " + stable
                + " is held back until the spec changes or a Resume", previous);
          }
        }
        default -> throw new IllegalStateException("unknown action " + a.action());
      }
    }

    private String noRollout() {
      return "no rollout is in progress";
    }

    private boolean atIndefinitePause() {
      return strategy == Strategy.Canary && step < steps().size() && steps().get(step).pause() != null
          && steps().get(step).pause().duration() == null;
    }

    private void accept(PendingAction action, String text, String revision) {
      record(action, true, text, revision);
    }

    private void reject(PendingAction action, String text, String revision) {
      record(action, false, text, revision);
    }

    private void record(PendingAction action, boolean applied, String text, String revision) {
      ReleaseActionSpec a = action.spec();
      history.add(new HistoryEntry(now.toString(), a.requestedBy(), a.action().name(), a.weight(), a.reason(),
          applied ? "Applied" : "Rejected", text, revision, action.name(), action.uid()));
      while (history.size() > MicroserviceStatus.HISTORY_LIMIT) {
        history.remove(0);
      }
      outcomes.add(new ActionOutcome(action, applied, text, revision));
    }

    // --- progress of the canary ------------------------------------------------------------

    private void progress() {
      if (canary == null) {
        return;
      }
      switch (strategy) {
        case Rolling -> promoteWhenReady();
        case BlueGreen -> blueGreen();
        case Canary -> canarySteps();
        default -> throw new IllegalStateException("unknown strategy " + strategy);
      }
    }

    private void promoteWhenReady() {
      canaryReplicas = size;
      if (readyAt(canary, size)) {
        promote();
      } else if (progressDeadlineExceeded(canary)) {
        phase = Phase.Degraded;
        message = "revision " + canary + " did not become ready in time (" + ready(canary) + "/" + size
            + " ready); revision " + stable + " keeps serving";
      } else {
        phase = Phase.Progressing;
        message = (held != null ? "going back to revision " : "rolling out revision ") + canary + ": "
            + ready(canary) + "/" + size + " replicas ready; revision " + stable + " serves";
      }
    }

    private void blueGreen() {
      BlueGreen settings = spec.rollout().blueGreen();
      if (promoting || !readyAt(canary, size)) {
        promoteWhenReady();
        return;
      }
      canaryReplicas = size;
      if (step == 0) {
        step = 1; // 1: the preview runs at full size and waits for promotion
        stepStartedAt = now;
      }
      Integer auto = settings == null ? null : settings.autoPromotionSeconds();
      if (auto != null && !paused) {
        Duration left = Duration.between(now, stepStartedAt.plusSeconds(auto));
        if (!left.isNegative() && !left.isZero()) {
          phase = Phase.Paused;
          message = "preview of revision " + canary + " is ready; switching in " + left.toSeconds() + "s";
          requeueIn(left);
          return;
        }
        promote();
        return;
      }
      phase = Phase.Paused;
      message = "preview of revision " + canary + " is ready; waiting for promotion";
    }

    private void canarySteps() {
      if (judge()) {
        return;
      }
      List<CanaryStep> steps = steps();
      while (true) {
        if (promoting || step >= steps.size()) {
          promoting = true;
          promoteWhenReady();
          return;
        }
        if (manualWeight != null) {
          raiseWeight(manualWeight, false);
          if (weight == manualWeight) {
            phase = Phase.Paused;
            message = "revision " + canary + " held at " + weight + "% by a release manager";
          }
          return;
        }
        if (paused) {
          canaryReplicas = capacity(weight);
          if (phase != Phase.Paused) {
            phase = Phase.Paused;
            message = "revision " + canary + " paused at step " + step + " with " + weight + "% of traffic";
          }
          return;
        }
        CanaryStep current = steps.get(step);
        if (current.setWeight() != null) {
          if (current.setWeight() == weight) {
            canaryReplicas = capacity(weight);
            if (analysisConfig != null && weight > 0 && !passedAt(weight)) {
              phase = Phase.Progressing;
              message = "analysing revision " + canary + " at " + weight + "% of traffic"
                  + (analysis != null && canary.equals(analysis.revision()) ? " (last check: " + analysis.verdict() + ")" : "");
              return;
            }
            next();
            continue;
          }
          raiseWeight(current.setWeight(), analysisConfig == null);
          return;
        }
        canaryReplicas = capacity(weight);
        if (current.pause().duration() == null) {
          phase = Phase.Paused;
          message = "revision " + canary + " paused at step " + step + " with " + weight
              + "% of traffic, until promoted or resumed";
          return;
        }
        Duration left = Duration.between(now, stepStartedAt.plus(Durations.parse(current.pause().duration())));
        if (left.isNegative() || left.isZero()) {
          next();
          continue;
        }
        phase = Phase.Paused;
        message = "revision " + canary + " at " + weight + "%: pausing " + current.pause().duration() + " ("
            + left.toSeconds() + "s left)";
        requeueIn(left);
        return;
      }
    }

    /**
     * Takes the analysis check made for this decision into account. Returns true when it ends
     * the rollout: more than failureLimit failed checks, or too many inconclusive ones under
     * the Abort policy. Too many inconclusive ones under the Pause policy pause the rollout.
     */
    private boolean judge() {
      Check check = in.check();
      if (check == null || analysisConfig == null || canary == null || !canary.equals(check.revision())) {
        return false;
      }
      boolean same = analysis != null && canary.equals(analysis.revision());
      int failed = same && analysis.failedChecks() != null ? analysis.failedChecks() : 0;
      int inconclusive = same && analysis.inconclusiveChecks() != null ? analysis.inconclusiveChecks() : 0;
      switch (check.verdict()) {
        case Fail -> failed++;
        case Inconclusive -> inconclusive++;
        case Pass -> inconclusive = 0;
        default -> throw new IllegalStateException("unknown verdict " + check.verdict());
      }
      analysis = new AnalysisStatus(check.at().toString(), check.verdict().name(), check.revision(), check.weight(),
          failed, inconclusive, check.verdict() == Check.Verdict.Pass ? Integer.valueOf(check.weight())
              : same ? analysis.passedAtWeight() : null, check.measurements());
      if (failed > analysisConfig.failureLimit()) {
        abortByAnalysis(failed + " failed checks (limit " + analysisConfig.failureLimit() + "): " + check.summary());
        return true;
      }
      if (inconclusive > analysisConfig.inconclusiveLimit()) {
        String why = inconclusive + " inconclusive checks in a row: " + check.summary();
        if (analysisConfig.onInconclusive() == Analysis.InconclusivePolicy.Abort) {
          abortByAnalysis(why);
          return true;
        }
        paused = true;
        analysis = new AnalysisStatus(analysis.checkedAt(), analysis.verdict(), analysis.revision(), analysis.weight(),
            failed, 0, analysis.passedAtWeight(), analysis.measurements());
        phase = Phase.Paused;
        message = "revision " + canary + " paused by analysis after " + why;
      }
      return false;
    }

    private boolean passedAt(int percent) {
      return analysis != null && canary.equals(analysis.revision()) && "Pass".equals(analysis.verdict())
          && analysis.weight() != null && analysis.weight() == percent;
    }

    private void abortByAnalysis(String why) {
      String aborted = canary;
      held = aborted;
      retire(aborted);
      clearCanary();
      phase = Phase.Aborted;
      message = "revision " + aborted + " aborted by analysis after " + why + "; all traffic is back on revision " + stable;
    }

    /**
     * Sends {@code target} percent to the canary once it has the replicas for that share:
     * capacity first, then traffic. Lowering the weight needs no wait.
     */
    private void raiseWeight(int target, boolean advance) {
      int needed = capacity(Math.max(target, weight));
      canaryReplicas = needed;
      if (target <= weight || readyAt(canary, needed)) {
        boolean changed = weight != target;
        weight = target;
        if (changed) {
          stepStartedAt = now; // a measured window must see one weight only
        }
        phase = Phase.Progressing;
        message = "revision " + canary + " receives " + weight + "% of traffic";
        if (advance) {
          next();
        }
        if (changed || advance) {
          requeueIn(Duration.ZERO);
        } else {
          canaryReplicas = capacity(target);
        }
      } else {
        phase = Phase.Progressing;
        message = "scaling revision " + canary + " to " + needed + " replicas (" + ready(canary) + " ready) before "
            + target + "% of traffic";
      }
    }

    private void next() {
      step++;
      stepStartedAt = now;
    }

    /** Replicas the canary needs for a share of traffic, never fewer than that share's load. */
    private int capacity(int percent) {
      if (in.mesh()) {
        return Math.max(1, (int) Math.ceil(size * percent / 100.0));
      }
      // Without a mesh the Service spreads requests evenly over every pod: the share is the
      // canary's fraction of all pods, beside a stable revision kept at full size.
      if (percent <= 0) {
        return 0;
      }
      if (percent >= 100) {
        return size;
      }
      return Math.max(1, (int) Math.round(size * percent / (100.0 - percent)));
    }

    private void promote() {
      String replaced = stable;
      stable = canary;
      previous = replaced;
      retire(replaced);
      clearCanary();
      RevisionObservation now = in.observed().get(stable);
      phase = held != null ? Phase.Aborted : Phase.Healthy;
      message = held != null
          ? "went back to revision " + stable + "; revision " + held + " is held back until the spec changes or a Resume"
          : "revision " + stable + " replaced " + replaced + " and serves with " + (now == null ? 0 : now.readyReplicas())
              + "/" + size + " replicas ready";
    }

    /** A canary starts at weight 0 and the first step; {@code promote}: switch once it is ready. */
    private void startCanary(String revision, boolean promote) {
      canary = revision;
      weight = 0;
      step = 0;
      stepStartedAt = now;
      paused = false;
      manualWeight = null;
      promoting = promote;
    }

    private void clearCanary() {
      canary = null;
      weight = 0;
      step = 0;
      stepStartedAt = null;
      paused = false;
      manualWeight = null;
      promoting = false;
    }

    /** A revision that stops serving keeps running for the scale-down delay, then goes to zero. */
    private void retire(String revision) {
      if (revision == null) {
        return;
      }
      int delay = scaleDownDelaySeconds();
      if (!in.mesh() && strategy != Strategy.BlueGreen) {
        delay = 0; // without a mesh the Service still sends it requests while it runs
      }
      if (scaleDownRevision != null && !scaleDownRevision.equals(revision)) {
        scaleDownRevision = null; // only the most recent one lingers
      }
      if (delay > 0 && in.observed().containsKey(revision)) {
        scaleDownRevision = revision;
        scaleDownAt = now.plusSeconds(delay);
        requeueIn(Duration.ofSeconds(delay));
      }
    }

    private int scaleDownDelaySeconds() {
      return switch (strategy) {
        case Rolling -> 0;
        case Canary -> spec.rollout().canary() == null ? 30 : spec.rollout().canary().scaleDownDelaySeconds();
        case BlueGreen -> spec.rollout().blueGreen() == null ? 30 : spec.rollout().blueGreen().scaleDownDelaySeconds();
      };
    }

    private void expireScaleDown() {
      if (scaleDownRevision != null && !now.isBefore(scaleDownAt)) {
        scaleDownRevision = null;
        scaleDownAt = null;
      }
    }

    // --- the result ------------------------------------------------------------------------

    private RolloutPlan plan() {
      String wanted = in.revision();
      if (phase == null) {
        steadyPhase();
      }
      Map<String, Integer> replicas = new LinkedHashMap<>();
      replicas.put(stable, size);
      if (canary != null) {
        replicas.put(canary, canaryReplicas);
      }
      if (scaleDownRevision != null && !replicas.containsKey(scaleDownRevision)) {
        RevisionObservation lingering = in.observed().get(scaleDownRevision);
        replicas.put(scaleDownRevision, lingering == null ? 0 : lingering.replicas());
        requeueIn(Duration.between(now, scaleDownAt));
      }
      for (String kept : new String[] {previous, held}) {
        if (kept != null && in.observed().containsKey(kept) && !replicas.containsKey(kept)) {
          replicas.put(kept, 0);
        }
      }
      MicroserviceStatus status = status(stable);
      if (!in.checkPending()) {
        Schedule.nextCheck(analysisConfig, status).ifPresent(due -> requeueIn(Duration.between(now, due)));
      }
      return new RolloutPlan(replicas, wanted, routing(stable), status, outcomes, Optional.ofNullable(requeue));
    }

    /** Without a mesh, blue-green's Service selects only the revision that takes traffic. */
    private Routing routing(String serving) {
      return new Routing(serving, canary, canary == null ? 0 : weight,
          !in.mesh() && strategy == Strategy.BlueGreen ? serving : null);
    }

    private void steadyPhase() {
      if (held != null && held.equals(in.revision())) {
        phase = Phase.Aborted;
        Phase previousPhase = in.status().phase();
        message = previousPhase == Phase.Aborted && in.status().message() != null
            ? in.status().message()
            : "revision " + held + " is held back; revision " + stable + " serves";
        return;
      }
      RevisionObservation serving = in.observed().get(stable);
      if (serving != null && serving.readyAt(size)) {
        phase = Phase.Healthy;
        message = "revision " + stable + " serves with " + size + "/" + size + " replicas ready";
      } else if (serving != null && serving.settled() && serving.replicas() == size) {
        phase = Phase.Degraded;
        message = "revision " + stable + " has " + serving.readyReplicas() + "/" + size + " replicas ready";
      } else {
        phase = Phase.Progressing;
        message = "scaling revision " + stable + " to " + size + " replicas";
      }
    }

    private MicroserviceStatus status(String serving) {
      RevisionObservation servingObs = in.observed().get(serving);
      RolloutState state = new RolloutState(
          stepStartedAt == null ? null : stepStartedAt.toString(),
          paused ? Boolean.TRUE : null,
          manualWeight,
          promoting ? Boolean.TRUE : null,
          held,
          scaleDownRevision,
          scaleDownRevision == null ? null : scaleDownAt.toString());
      return in.status().toBuilder()
          .phase(phase)
          .observedGeneration(in.generation())
          .stableRevision(stable)
          .canaryRevision(canary)
          .previousRevision(previous != null && !previous.equals(stable) ? previous : null)
          .canaryWeight(canary != null ? weight : null)
          .currentStepIndex(canary != null && strategy != Strategy.Rolling ? step : null)
          .replicas(servingObs == null ? 0 : servingObs.replicas())
          .readyReplicas(ready(serving))
          .canaryReplicas(canary == null ? null : canaryReplicas)
          .canaryReadyReplicas(canary == null ? null : ready(canary))
          .selector(Labels.selectorString(Labels.revisionSelector(in.name(), serving)))
          .trafficSplit(trafficSplit())
          .message(message)
          .rollout(state.equals(RolloutState.NONE) ? null : state)
          .analysis(analysis)
          .history(history)
          .build();
    }

    private String trafficSplit() {
      if (canary == null) {
        return null;
      }
      if (in.mesh()) {
        return "mesh: " + weight + "% to revision " + canary;
      }
      if (strategy == Strategy.BlueGreen) {
        return "service selector: all traffic to revision " + stable + " until the switch";
      }
      int canaryPods = in.observed().containsKey(canary) ? in.observed().get(canary).readyReplicas() : 0;
      int stablePods = ready(stable);
      long share = canaryPods + stablePods == 0 ? 0 : Math.round(100.0 * canaryPods / (canaryPods + stablePods));
      return "no mesh: " + weight + "% approximated by replicas, " + canaryPods + " canary / " + stablePods
          + " stable ready (" + share + "%)";
    }

    // --- observations ------------------------------------------------------------------------

    private List<CanaryStep> steps() {
      Canary settings = spec.rollout().canary();
      return settings == null ? List.of() : settings.steps();
    }

    private boolean readyAt(String revision, int replicas) {
      RevisionObservation o = in.observed().get(revision);
      return o != null && o.settled() && o.replicas() == replicas && o.readyReplicas() >= replicas;
    }

    private boolean progressDeadlineExceeded(String revision) {
      RevisionObservation o = in.observed().get(revision);
      return o != null && o.progressDeadlineExceeded();
    }

    private int ready(String revision) {
      RevisionObservation o = revision == null ? null : in.observed().get(revision);
      return o == null ? 0 : o.readyReplicas();
    }

    private String observed(String revision) {
      return revision != null && in.observed().containsKey(revision) ? revision : null;
    }

    private void requeueIn(Duration d) {
      Duration wait = d.isNegative() ? Duration.ZERO : d;
      requeue = requeue == null || wait.compareTo(requeue) < 0 ? wait : requeue;
    }

    private static Instant instant(String text) {
      return text == null ? null : Instant.parse(text);
    }
  }
}
