package dev.gantry.operator.rollout;

import dev.gantry.operator.analysis.Check;
import dev.gantry.operator.api.ApiStatus;
import dev.gantry.operator.api.MicroserviceSpec;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.ReleaseActionSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Drives the pure planner the way the operator does, against a model of the cluster in which
 * Deployments reach the replicas they are given (at once, or only when a revision is allowed to
 * become ready). Records every weight the routes carried, so tests can check no step is skipped.
 */
final class RolloutSimulation {

  private MicroserviceSpec spec;
  private String revision;
  private final boolean mesh;
  private MicroserviceStatus status = MicroserviceStatus.EMPTY;
  private final Map<String, RevisionObservation> cluster = new HashMap<>();
  private final Set<String> blocked = new HashSet<>();
  private final List<PendingAction> pending = new ArrayList<>();
  private final List<ActionOutcome> outcomes = new ArrayList<>();
  private final List<Integer> weights = new ArrayList<>();
  private final List<Route> routes = new ArrayList<>();
  private final List<MicroserviceStatus> written = new ArrayList<>();
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private RolloutPlan last;
  private int actionCount;
  private Check check;
  private ApiStatus api;
  private Slot slot = Slot.OPEN;
  private GroupDirective group;

  RolloutSimulation(String specYaml, String revision, boolean mesh) {
    this.spec = Serialization.unmarshal(specYaml, MicroserviceSpec.class);
    this.revision = revision;
    this.mesh = mesh;
  }

  /**
   * Decides until nothing moves: no immediate follow-up asked for, or one that changes nothing (an
   * overdue analysis check the simulation only makes when a test says so).
   */
  RolloutSimulation settle() {
    for (int i = 0; i < 100; i++) {
      MicroserviceStatus before = status;
      // As the reconciler does: a status that does not know what serves is rebuilt from the
      // routes, and one that is behind the routes catches up with them.
      Recovery.Routed routed =
          last == null
              ? Recovery.Routed.NOTHING
              : new Recovery.Routed(
                  mesh ? last.routing().stableRevision() : null,
                  last.routing().serviceRevision(),
                  mesh && last.routing().hasCanary() ? last.routing().canaryRevision() : null,
                  mesh && last.routing().hasCanary() ? last.routing().canaryWeight() : 0);
      MicroserviceStatus remembered =
          Recovery.recover(status, revision, Map.copyOf(cluster), routed, now).status();
      last =
          RolloutPlanner.plan(
              new RolloutInput(
                  "svc",
                  spec,
                  1,
                  remembered,
                  revision,
                  Map.copyOf(cluster),
                  List.copyOf(pending),
                  mesh,
                  check,
                  false,
                  api,
                  slot,
                  group,
                  now));
      pending.clear();
      check = null;
      outcomes.addAll(last.outcomes());
      if (!last.status().equals(status)) {
        written.add(last.status());
      }
      status = last.status();
      int weight = last.routing().hasCanary() ? last.routing().canaryWeight() : 0;
      if (weights.isEmpty() || weights.get(weights.size() - 1) != weight) {
        weights.add(weight);
      }
      routes.add(
          new Route(
              last.routing().stableRevision(),
              last.routing().hasCanary() ? last.routing().canaryRevision() : null,
              weight,
              Map.copyOf(last.replicas())));
      boolean changed = apply(last.replicas());
      boolean immediate = last.requeueAfter().map(Duration::isZero).orElse(false);
      if (!changed && (!immediate || status.equals(before))) {
        return this;
      }
    }
    throw new AssertionError("the rollout did not settle: " + status);
  }

  /** The cluster does what the plan asks: Deployments created, scaled, deleted. */
  private boolean apply(Map<String, Integer> replicas) {
    Map<String, RevisionObservation> next = new HashMap<>();
    replicas.forEach(
        (rev, n) -> {
          int ready = blocked.contains(rev) ? 0 : n;
          next.put(rev, new RevisionObservation(rev, n, ready, true, false));
        });
    boolean changed = !next.equals(cluster);
    cluster.clear();
    cluster.putAll(next);
    return changed;
  }

  RolloutSimulation deploy(String specYaml, String newRevision) {
    spec = Serialization.unmarshal(specYaml, MicroserviceSpec.class);
    revision = newRevision;
    return settle();
  }

  RolloutSimulation act(String user, ReleaseActionSpec.Action action, Integer weight) {
    actionCount++;
    pending.add(
        new PendingAction(
            "action-" + actionCount,
            "uid-" + actionCount,
            new ReleaseActionSpec("svc", action, weight, "test", user)));
    return settle();
  }

  /**
   * Replays an action the planner has already recorded, as after a crash before its outcome was
   * written.
   */
  RolloutSimulation replay(int actionNumber, ReleaseActionSpec.Action action, Integer weight) {
    pending.add(
        new PendingAction(
            "action-" + actionNumber,
            "uid-" + actionNumber,
            new ReleaseActionSpec("svc", action, weight, "test", "replayed")));
    return settle();
  }

  /**
   * The analysis check the operator would have made now, with this verdict, for the current canary.
   */
  RolloutSimulation check(Check.Verdict verdict) {
    check =
        new Check(
            now,
            status.canaryRevision(),
            status.canaryWeight() == null ? 0 : status.canaryWeight(),
            verdict,
            List.of(
                new dev.gantry.operator.api.AnalysisStatus.Measurement(
                    "request-success-rate",
                    "q",
                    99.0,
                    null,
                    100.0,
                    "[99, +inf]",
                    verdict.name(),
                    "simulated " + verdict)));
    return settle();
  }

  /**
   * The API-compatibility gate's judgement the reconciler would pass from now on; takes effect at
   * the next decision.
   */
  RolloutSimulation judge(ApiStatus judgement) {
    api = judgement;
    return this;
  }

  /** From now on the budgets of concurrent rollouts give this slot, then decides. */
  RolloutSimulation slot(Slot given) {
    slot = given;
    return settle();
  }

  /** From now on the Microservice's release group tells it {@code directive}, then decides. */
  RolloutSimulation group(GroupDirective directive) {
    group = directive;
    return settle();
  }

  /** The status is lost (a restore, an edit): the next decision starts from an empty one. */
  RolloutSimulation loseStatus() {
    status = MicroserviceStatus.EMPTY;
    return settle();
  }

  /**
   * The status writes after the last one {@code kept} accepts are lost, as when the operator dies
   * between writing the routes and the status: the routes stay as the last decision left them.
   * Decides nothing until the next step of the test.
   */
  RolloutSimulation loseWritesAfter(Predicate<MicroserviceStatus> kept) {
    for (int i = written.size() - 1; i >= 0; i--) {
      if (kept.test(written.get(i))) {
        status = written.get(i);
        written.subList(i + 1, written.size()).clear();
        return this;
      }
    }
    throw new AssertionError("no status written that the test keeps");
  }

  RolloutSimulation advance(Duration d) {
    now = now.plus(d);
    return settle();
  }

  RolloutSimulation block(String rev) {
    blocked.add(rev);
    return this;
  }

  RolloutSimulation unblock(String rev) {
    blocked.remove(rev);
    return settle();
  }

  MicroserviceStatus status() {
    return status;
  }

  MicroserviceSpec spec() {
    return spec;
  }

  RolloutPlan plan() {
    return last;
  }

  Map<String, Integer> replicas() {
    Map<String, Integer> out = new HashMap<>();
    cluster.forEach((rev, o) -> out.put(rev, o.replicas()));
    return out;
  }

  List<Integer> weights() {
    return weights;
  }

  /** Every decision's routes and sizes, in order. */
  List<Route> routes() {
    return routes;
  }

  /** What one decision routed, and the replicas it asked for. */
  record Route(String stable, String canary, int weight, Map<String, Integer> replicas) {}

  /** Another spec, as a team's edit would make it. */
  RolloutSimulation respec(String newRevision) {
    revision = newRevision;
    return settle();
  }

  ActionOutcome lastOutcome() {
    return outcomes.get(outcomes.size() - 1);
  }

  List<ActionOutcome> outcomes() {
    return outcomes;
  }
}
