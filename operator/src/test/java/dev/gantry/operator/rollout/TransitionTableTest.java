package dev.gantry.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.analysis.Check;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.api.ReleaseActionSpec.Action;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rollout's transitions as a table: from a state, an event, to a phase with the words the user
 * reads.
 */
class TransitionTableTest {

  private static final String CANARY =
      """
      image: shop/order:%s
      replicas: 6
      rollout:
        strategy: Canary
        canary:
          steps: [{setWeight: 10}, {pause: {duration: 1m}}, {setWeight: 30}, {pause: {}}, {setWeight: 60}]
      """;
  private static final String ANALYSED =
      """
      image: shop/order:%s
      replicas: 6
      rollout:
        strategy: Canary
        canary:
          steps: [{setWeight: 10}, {pause: {duration: 1m}}, {setWeight: 30}, {pause: {}}, {setWeight: 60}]
          analysis:
            interval: 30s
            failureLimit: 1
            metrics: [{name: request-success-rate, thresholdRange: {min: 99}}]
      """;
  private static final String ROLLING = "image: shop/order:%s\nreplicas: 6\n";
  private static final String CANARY_WITH_API =
      CANARY + "api: {openapi: {configMap: member-api, key: openapi.yaml}}\n";
  private static final String ROLLING_WITH_API =
      ROLLING + "api: {openapi: {configMap: member-api, key: openapi.yaml}}\n";
  private static final String CANARY_ALLOWING_BREAKS =
      CANARY
          + "api: {openapi: {configMap: member-api, key: openapi.yaml}, onBreakingChange:"
          + " Allow}\n";
  private static final String BLUE_GREEN =
      """
      image: shop/order:%s
      replicas: 6
      rollout: {strategy: BlueGreen, blueGreen: {scaleDownDelaySeconds: 30}}
      """;

  private static RolloutSimulation steady(String spec) {
    return new RolloutSimulation(spec.formatted("a"), "a", true).settle();
  }

  private static RolloutSimulation rolling(String spec) {
    return steady(spec).deploy(spec.formatted("b"), "b");
  }

  /** A rollout of b whose contract breaks order's use of GET /members/{id}. */
  private static RolloutSimulation breakingRelease(String spec) {
    return steady(spec).judge(Judgements.breaking("b")).deploy(spec.formatted("b"), "b");
  }

  private static RolloutSimulation atIndefinitePause() {
    return rolling(CANARY).advance(Duration.ofMinutes(1));
  }

  private static Arguments row(
      String from,
      Supplier<RolloutSimulation> state,
      String event,
      Consumer<RolloutSimulation> happens,
      Phase phase,
      String message) {
    return Arguments.of(from, event, state, happens, phase, message);
  }

  static Stream<Arguments> transitions() {
    return Stream.of(
        row(
            "steady",
            () -> steady(CANARY_WITH_API).judge(Judgements.breaking("b")),
            "a new spec that breaks a consumer",
            s -> s.deploy(CANARY_WITH_API.formatted("b"), "b"),
            Phase.Paused,
            "revision b gets no traffic: it breaks GET /members/{id} (removed) used by order"),
        row(
            "steady (Rolling)",
            () -> steady(ROLLING_WITH_API).judge(Judgements.breaking("b")),
            "a new spec that breaks a consumer",
            s -> s.deploy(ROLLING_WITH_API.formatted("b"), "b"),
            Phase.Paused,
            "revision b gets no traffic"),
        row(
            "steady",
            () -> steady(CANARY_WITH_API).judge(Judgements.unknown("b")),
            "a new spec whose document cannot be read",
            s -> s.deploy(CANARY_WITH_API.formatted("b"), "b"),
            Phase.Paused,
            "revision b gets no traffic: its API compatibility cannot be judged (the OpenAPI"
                + " document is not YAML or JSON"),
        row(
            "steady (onBreakingChange: Allow)",
            () -> steady(CANARY_ALLOWING_BREAKS).judge(Judgements.breaking("b")),
            "a new spec that breaks a consumer",
            s -> s.deploy(CANARY_ALLOWING_BREAKS.formatted("b"), "b"),
            Phase.Paused,
            "revision b at 10%: pausing 1m"),
        row(
            "held by the API gate",
            () -> breakingRelease(CANARY_WITH_API),
            "AcceptBreakingChange",
            s -> s.act("rm", Action.AcceptBreakingChange, null),
            Phase.Paused,
            "revision b at 10%: pausing 1m"),
        row(
            "held by the API gate",
            () -> breakingRelease(CANARY_WITH_API),
            "the consumer stops using the operation",
            s -> s.judge(Judgements.compatible("b")).settle(),
            Phase.Paused,
            "revision b at 10%: pausing 1m"),
        row(
            "held by the API gate",
            () -> breakingRelease(CANARY_WITH_API),
            "Abort",
            s -> s.act("rm", Action.Abort, null),
            Phase.Aborted,
            "revision b aborted by rm"),
        row(
            "paused at 30%",
            () ->
                steady(CANARY_WITH_API)
                    .judge(Judgements.compatible("b"))
                    .deploy(CANARY_WITH_API.formatted("b"), "b")
                    .advance(Duration.ofMinutes(1)),
            "a consumer starts to use an operation b removed",
            s -> s.judge(Judgements.breaking("b")).settle(),
            Phase.Paused,
            "revision b gets no traffic"),
        row(
            "rolling out, compatible",
            () -> rolling(CANARY_WITH_API).judge(Judgements.compatible("b")),
            "AcceptBreakingChange",
            s -> s.act("rm", Action.AcceptBreakingChange, null),
            Phase.Paused,
            "revision b at 10%: pausing 1m"),
        row(
            "nothing yet",
            () -> new RolloutSimulation(CANARY.formatted("a"), "a", true).block("a"),
            "a first spec",
            RolloutSimulation::settle,
            Phase.Pending,
            "starting revision a: 0/6 replicas ready"),
        row(
            "starting",
            () -> new RolloutSimulation(CANARY.formatted("a"), "a", true).block("a").settle(),
            "its pods become ready",
            s -> s.unblock("a"),
            Phase.Healthy,
            "revision a serves with 6/6 replicas ready"),
        row(
            "steady",
            () -> steady(CANARY),
            "a new spec",
            s -> s.deploy(CANARY.formatted("b"), "b"),
            Phase.Paused,
            "revision b at 10%: pausing 1m (60s left)"),
        row(
            "steady",
            () -> steady(CANARY).block("b"),
            "a new spec whose pods are not ready",
            s -> s.deploy(CANARY.formatted("b"), "b"),
            Phase.Progressing,
            "scaling revision b to 1 replicas (0 ready) before 10% of traffic"),
        row(
            "pausing 1m",
            () -> rolling(CANARY),
            "the minute passes",
            s -> s.advance(Duration.ofMinutes(1)),
            Phase.Paused,
            "revision b paused at step 3 with 30% of traffic, until promoted or resumed"),
        row(
            "pausing 1m",
            () -> rolling(CANARY),
            "Pause",
            s -> s.act("rm", Action.Pause, null),
            Phase.Paused,
            "revision b paused at step 1 with 10% of traffic"),
        row(
            "paused",
            () -> rolling(CANARY).act("rm", Action.Pause, null),
            "Resume",
            s -> s.act("rm", Action.Resume, null),
            Phase.Paused,
            "revision b at 10%: pausing 1m"),
        row(
            "pausing 1m",
            () -> rolling(CANARY),
            "SetWeight 40",
            s -> s.act("rm", Action.SetWeight, 40),
            Phase.Paused,
            "revision b held at 40% by a release manager"),
        row(
            "held at 40%",
            () -> rolling(CANARY).act("rm", Action.SetWeight, 40),
            "Resume",
            s -> s.act("rm", Action.Resume, null),
            Phase.Paused,
            "revision b at 40%: pausing 1m"),
        row(
            "paused until promoted",
            TransitionTableTest::atIndefinitePause,
            "Promote",
            s -> s.act("rm", Action.Promote, null),
            Phase.Healthy,
            "revision b replaced a and serves with 6/6"),
        row(
            "paused until promoted",
            TransitionTableTest::atIndefinitePause,
            "Resume",
            s -> s.act("rm", Action.Resume, null),
            Phase.Healthy,
            "revision b replaced a"),
        row(
            "pausing 1m",
            () -> rolling(CANARY),
            "PromoteFull",
            s -> s.act("rm", Action.PromoteFull, null),
            Phase.Healthy,
            "revision b replaced a"),
        row(
            "pausing 1m",
            () -> rolling(CANARY),
            "Abort",
            s -> s.act("carol", Action.Abort, null),
            Phase.Aborted,
            "revision b aborted by carol; all traffic is back on revision a"),
        row(
            "aborted",
            () -> rolling(CANARY).act("carol", Action.Abort, null),
            "time passes",
            s -> s.advance(Duration.ofMinutes(5)),
            Phase.Aborted,
            "revision b aborted by carol"),
        row(
            "aborted",
            () -> rolling(CANARY).act("carol", Action.Abort, null),
            "Resume",
            s -> s.act("rm", Action.Resume, null),
            Phase.Paused,
            "revision b at 10%: pausing 1m"),
        row(
            "aborted",
            () -> rolling(CANARY).act("carol", Action.Abort, null),
            "a new spec",
            s -> s.deploy(CANARY.formatted("c"), "c"),
            Phase.Paused,
            "revision c at 10%: pausing 1m"),
        row(
            "promoted",
            () -> atIndefinitePause().act("rm", Action.PromoteFull, null),
            "Undo",
            s -> s.act("rm", Action.Undo, null),
            Phase.Aborted,
            "went back to revision a; revision b is held back until the spec changes or a Resume"),
        row(
            "pausing 1m",
            () -> rolling(CANARY),
            "the spec goes back to a",
            s -> s.deploy(CANARY.formatted("a"), "a"),
            Phase.Healthy,
            "revision a serves with 6/6 replicas ready"),
        row(
            "analysing at 10%",
            () -> rolling(ANALYSED),
            "a passing check",
            s -> s.check(Check.Verdict.Pass),
            Phase.Paused,
            "revision b at 10%: pausing 1m"),
        row(
            "analysing at 10%",
            () -> rolling(ANALYSED),
            "two failing checks",
            s -> s.check(Check.Verdict.Fail).check(Check.Verdict.Fail),
            Phase.Aborted,
            "revision b aborted by analysis after 2 failed checks (limit 1)"),
        row(
            "rolling",
            () -> steady(ROLLING).block("b"),
            "a new spec whose pods are not ready",
            s -> s.deploy(ROLLING.formatted("b"), "b"),
            Phase.Progressing,
            "rolling out revision b: 0/6 replicas ready; revision a serves"),
        row(
            "rolling out",
            () -> steady(ROLLING).block("b").deploy(ROLLING.formatted("b"), "b"),
            "its pods are ready",
            s -> s.unblock("b"),
            Phase.Healthy,
            "revision b serves with 6/6 replicas ready"),
        row(
            "steady",
            () -> steady(BLUE_GREEN),
            "a new spec",
            s -> s.deploy(BLUE_GREEN.formatted("b"), "b"),
            Phase.Paused,
            "preview of revision b is ready; waiting for promotion"),
        row(
            "previewing",
            () -> rolling(BLUE_GREEN),
            "Promote",
            s -> s.act("rm", Action.Promote, null),
            Phase.Healthy,
            "revision b replaced a"),
        row(
            "previewing",
            () -> rolling(BLUE_GREEN),
            "SetWeight",
            s -> s.act("rm", Action.SetWeight, 50),
            Phase.Paused,
            "waiting for promotion"));
  }

  @ParameterizedTest(name = "{0} × {1}")
  @MethodSource("transitions")
  void fromStateByEventToPhaseWithMessage(
      String from,
      String event,
      Supplier<RolloutSimulation> state,
      Consumer<RolloutSimulation> happens,
      Phase phase,
      String message) {
    RolloutSimulation sim = state.get();
    happens.accept(sim);
    assertThat(sim.status().phase()).as("%s × %s", from, event).isEqualTo(phase);
    assertThat(sim.status().message()).as("%s × %s", from, event).contains(message);
  }
}
