package dev.gantry.operator.rollout;

import static dev.gantry.operator.analysis.Check.Verdict.Fail;
import static dev.gantry.operator.analysis.Check.Verdict.Inconclusive;
import static dev.gantry.operator.analysis.Check.Verdict.Pass;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.api.Phase;
import dev.gantry.operator.api.ReleaseActionSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How analysis verdicts move a canary: passes advance it, failures abort it, doubt pauses it. */
class AnalysisPlannerTest {

  private static final String SPEC =
      """
      image: shop/order:%s
      replicas: 4
      rollout:
        strategy: Canary
        canary:
          scaleDownDelaySeconds: 10
          steps: [{setWeight: 20}, {setWeight: 60}]
          analysis:
            interval: 10s
            failureLimit: 1
            inconclusiveLimit: 2
            onInconclusive: %s
            metrics: [{name: request-success-rate, thresholdRange: {min: 99}}]
      """;

  private static RolloutSimulation rollingOut(String policy) {
    return new RolloutSimulation(SPEC.formatted("a", policy), "a", true)
        .settle()
        .deploy(SPEC.formatted("b", policy), "b");
  }

  @Test
  void aWeightStepWaitsForAPassingCheck() {
    var sim = rollingOut("Pause");
    assertThat(sim.status().canaryWeight()).isEqualTo(20);
    assertThat(sim.plan().requeueAfter())
        .as("the first check is one interval after the weight")
        .contains(Duration.ofSeconds(10));
    sim.advance(Duration.ofMinutes(5));
    assertThat(sim.status().canaryWeight()).as("no check, no progress").isEqualTo(20);
    assertThat(sim.status().message()).contains("analysing");
    sim.check(Pass);
    assertThat(sim.status().canaryWeight()).isEqualTo(60);
    sim.check(Pass);
    assertThat(sim.status().stableRevision()).as("the last step's pass promotes").isEqualTo("b");
    assertThat(sim.weights()).containsExactly(0, 20, 60, 0);
  }

  @Test
  void failuresBeyondTheLimitAbort() {
    var sim = rollingOut("Pause").check(Fail);
    assertThat(sim.status().phase()).as("one failure is tolerated").isNotEqualTo(Phase.Aborted);
    assertThat(sim.status().analysis().failedChecks()).isEqualTo(1);
    sim.check(Fail);
    assertThat(sim.status().phase()).isEqualTo(Phase.Aborted);
    assertThat(sim.status().message()).contains("aborted by analysis after 2 failed checks");
    assertThat(sim.plan().routing().hasCanary()).as("all traffic back to stable at once").isFalse();
    assertThat(sim.replicas()).as("canary scaled down after the delay").containsEntry("b", 1);
    sim.advance(Duration.ofSeconds(10));
    assertThat(sim.replicas()).containsEntry("b", 0);
  }

  @Test
  void inconclusiveIsNeverAPassAndTooManyPause() {
    var sim = rollingOut("Pause").check(Inconclusive).check(Inconclusive);
    assertThat(sim.status().canaryWeight()).isEqualTo(20);
    assertThat(sim.status().phase()).isNotEqualTo(Phase.Paused);
    sim.check(Inconclusive);
    assertThat(sim.status().phase()).isEqualTo(Phase.Paused);
    assertThat(sim.status().message()).contains("paused by analysis after 3 inconclusive checks");
    sim.act("alice", ReleaseActionSpec.Action.Resume, null).check(Pass);
    assertThat(sim.status().canaryWeight()).isEqualTo(60);
  }

  @Test
  void theAbortPolicyAbortsOnDoubt() {
    var sim = rollingOut("Abort").check(Inconclusive).check(Inconclusive).check(Inconclusive);
    assertThat(sim.status().phase()).isEqualTo(Phase.Aborted);
  }

  @Test
  void aPassResetsTheInconclusiveRun() {
    var sim =
        rollingOut("Pause")
            .check(Inconclusive)
            .check(Inconclusive)
            .check(Pass)
            .check(Inconclusive)
            .check(Inconclusive);
    assertThat(sim.status().phase()).isNotEqualTo(Phase.Paused);
    assertThat(sim.status().analysis().inconclusiveChecks()).isEqualTo(2);
  }
}
