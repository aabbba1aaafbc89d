package dev.gantry.operator.rollout;

import dev.gantry.operator.analysis.Schedule;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.api.Rollout.Strategy;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.rollout.Position.CanaryRun;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The rollout as a state machine: where it is ({@link Position}) and what is given ({@link Facts})
 * make the next position and its effects, one decision per call, without I/O. A decision follows
 * the spec ({@link SpecChanges}), applies release actions ({@link ActionRules}), holds a canary
 * that breaks a declared consumer ({@link CompatibilityGate}), moves the canary by its strategy
 * ({@link Promotion} for Rolling, {@link CanarySteps}, {@link BlueGreenSwitch}) once the budgets of
 * concurrent rollouts give it a slot ({@link RolloutQueue}), and says where that leaves it ({@link
 * StatusText}). Replica counts come from {@link Capacity}.
 */
public final class RolloutPlanner {

  private RolloutPlanner() {}

  public static RolloutPlan plan(RolloutInput in) {
    Facts facts = new Facts(in);
    Decision d = Decision.from(Position.remembered(in.status(), in.observed()));
    if (d.position().stable() == null) {
      d = FirstRevision.start(d, facts);
      String wanted = in.revision();
      Map<String, Integer> replicas = new LinkedHashMap<>();
      replicas.put(wanted, facts.size());
      return new RolloutPlan(
          replicas,
          wanted,
          routing(d.position(), facts, wanted),
          status(d, facts, wanted),
          d.outcomes(),
          Optional.empty());
    }
    if (in.group() != null) {
      d = ActionRules.apply(d, facts);
      d = GroupMember.follow(d, facts);
      if (d.canary() != null && facts.gateHolds(d.canary())) {
        d = CompatibilityGate.hold(d, facts);
      }
      d = Promotion.expireLingering(d, facts);
      return output(d, facts);
    }
    d = SpecChanges.follow(d, facts);
    d = ActionRules.apply(d, facts);
    if (d.canary() != null && facts.gateHolds(d.canary())) {
      d = CompatibilityGate.hold(d, facts);
    } else if (d.canary() != null) {
      d = CompatibilityGate.release(d, facts);
      d =
          switch (facts.strategy()) {
            case Rolling -> Promotion.whenReady(d, facts);
            case BlueGreen -> BlueGreenSwitch.decide(d, facts);
            case Canary -> CanarySteps.walk(d, facts);
          };
    }
    d = Promotion.expireLingering(d, facts);
    return output(d, facts);
  }

  private static RolloutPlan output(Decision d, Facts facts) {
    if (d.situation() == null) {
      d = d.says(steady(d.position(), facts));
    }
    Position p = d.position();
    Map<String, Integer> replicas = new LinkedHashMap<>();
    replicas.put(p.stable(), facts.size());
    if (p.canary() != null) {
      replicas.put(p.canaryRevision(), d.canaryReplicas());
    }
    if (p.lingering() != null && !replicas.containsKey(p.lingering().revision())) {
      RevisionObservation lingering = facts.in().observed().get(p.lingering().revision());
      replicas.put(p.lingering().revision(), lingering == null ? 0 : lingering.replicas());
      d = d.requeueIn(Duration.between(facts.now(), p.lingering().until()));
    }
    for (String kept : new String[] {p.previous(), p.held()}) {
      if (kept != null && facts.runs(kept) && !replicas.containsKey(kept)) {
        replicas.put(kept, 0);
      }
    }
    MicroserviceStatus status = status(d, facts, p.stable());
    if (!facts.in().checkPending()) {
      Optional<Instant> due = Schedule.nextCheck(facts.analysis(), status);
      if (due.isPresent()) {
        d = d.requeueIn(Duration.between(facts.now(), due.get()));
      }
    }
    return new RolloutPlan(
        replicas,
        facts.in().revision(),
        routing(p, facts, p.stable()),
        status,
        d.outcomes(),
        Optional.ofNullable(d.requeue()));
  }

  /**
   * Nothing is rolling out: how the serving revision does, or that the spec's revision is held
   * back.
   */
  private static StatusText.Situation steady(Position p, Facts facts) {
    if (p.queuedSince() != null) {
      return new StatusText.Queued(facts.in().revision(), p.stable(), facts.in().slot());
    }
    if (p.held() != null && p.held().equals(facts.in().revision())) {
      MicroserviceStatus before = facts.in().status();
      return before.phase() == Phase.Aborted && before.message() != null
          ? new StatusText.StillAborted(before.message())
          : new StatusText.HeldBack(p.held(), p.stable());
    }
    RevisionObservation serving = facts.in().observed().get(p.stable());
    if (serving != null && serving.readyAt(facts.size())) {
      return new StatusText.Serving(p.stable(), facts.size());
    }
    if (serving != null && serving.settled() && serving.replicas() == facts.size()) {
      return new StatusText.ServingShort(p.stable(), serving.readyReplicas(), facts.size());
    }
    return new StatusText.Scaling(p.stable(), facts.size());
  }

  /** Without a mesh, blue-green's Service selects only the revision that takes traffic. */
  private static Routing routing(Position p, Facts facts, String serving) {
    CanaryRun canary = p.canary();
    return new Routing(
        serving,
        p.canaryRevision(),
        canary == null ? 0 : canary.weight(),
        !facts.mesh() && facts.strategy() == Strategy.BlueGreen ? serving : null);
  }

  private static MicroserviceStatus status(Decision d, Facts facts, String serving) {
    Position p = d.position();
    CanaryRun canary = p.canary();
    RevisionObservation servingNow = facts.in().observed().get(serving);
    return facts.in().status().toBuilder()
        .phase(d.situation().phase())
        .observedGeneration(facts.in().generation())
        .stableRevision(p.stable())
        .canaryRevision(p.canaryRevision())
        .previousRevision(
            p.previous() != null && !p.previous().equals(p.stable()) ? p.previous() : null)
        .canaryWeight(canary != null ? canary.weight() : null)
        .currentStepIndex(
            canary != null && facts.strategy() != Strategy.Rolling ? canary.step() : null)
        .replicas(servingNow == null ? 0 : servingNow.replicas())
        .readyReplicas(facts.ready(serving))
        .canaryReplicas(canary == null ? null : d.canaryReplicas())
        .canaryReadyReplicas(canary == null ? null : facts.ready(canary.revision()))
        .selector(Labels.selectorString(Labels.revisionSelector(facts.in().name(), serving)))
        .trafficSplit(TrafficSplit.describe(p, facts))
        .message(d.situation().text())
        .rollout(p.persisted())
        .analysis(p.analysis())
        .history(p.history())
        .api(CompatibilityGate.report(p, facts))
        .queuePosition(p.queuedSince() == null ? null : facts.in().slot().position())
        .queuedRevision(
            d.situation() instanceof StatusText.Queued
                    || d.situation() instanceof StatusText.WaitingForGroup
                ? facts.in().revision()
                : null)
        .releaseGroup(facts.in().group() == null ? null : facts.in().group().group())
        .build();
  }
}
