package dev.gantry.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.analysis.Check;
import dev.gantry.operator.api.HistoryEntry;
import dev.gantry.operator.api.ReleaseActionSpec.Action;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random lives of a rollout — time passing, pods that will not become ready, release actions of
 * every kind (some replayed, as after a crash), analysis verdicts, new specs, a lost status — and
 * what must hold through all of them: the serving revision keeps its full size while another rolls
 * out; a canary nobody steered walks its weights step by step, never skipping one, and is promoted
 * only after the last; no release action is recorded twice.
 */
class RolloutPropertiesTest {

  private static final String SPEC =
      """
      image: shop/order:%s
      replicas: 6
      rollout:
        strategy: Canary
        canary:
          scaleDownDelaySeconds: 30
          steps: [{setWeight: 10}, {pause: {duration: 1m}}, {setWeight: 30}, {pause: {}}, {setWeight: 60},
                  {setWeight: 90}]
          analysis:
            interval: 30s
            metrics: [{name: request-success-rate, thresholdRange: {min: 99}}]
      """;
  private static final List<Integer> STEP_WEIGHTS = List.of(10, 30, 60, 90);
  private static final int SIZE = 6;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(
      longs = {
        1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181, 6765, 10946
      })
  void noStepSkippedNothingServingShrunkNoActionTwice(long seed) {
    for (boolean mesh : List.of(true, false)) {
      Random random = new Random(seed);
      var sim = new RolloutSimulation(SPEC.formatted("r0"), "r0", mesh).settle();
      Set<String> steered = new HashSet<>();
      int revisions = 0;
      int actions = 0;
      for (int event = 0; event < 80; event++) {
        String canary = sim.status().canaryRevision();
        switch (random.nextInt(12)) {
          case 0, 1, 2 -> sim.advance(Duration.ofSeconds(random.nextInt(90)));
          case 3 ->
              sim.check(
                  random.nextInt(6) == 0
                      ? Check.Verdict.Fail
                      : random.nextInt(5) == 0 ? Check.Verdict.Inconclusive : Check.Verdict.Pass);
          case 4, 5 -> sim.check(Check.Verdict.Pass);
          case 6 -> {
            Action action = Action.values()[random.nextInt(Action.values().length)];
            if (canary != null && action != Action.Pause) {
              steered.add(canary); // a release manager moved it: its walk is theirs
            }
            if (action == Action.Undo && sim.status().previousRevision() != null) {
              steered.add(
                  sim.status().previousRevision()); // going back is a release manager's promotion
            }
            actions++;
            sim.act("rm", action, action == Action.SetWeight ? random.nextInt(101) : null);
          }
          case 7 -> {
            if (actions > 0) {
              int replayed = 1 + random.nextInt(actions);
              sim.replay(replayed, Action.Pause, null);
            }
          }
          case 8 -> sim.respec("r" + (++revisions));
          case 9 -> {
            if (canary != null) {
              sim.block(canary);
            }
          }
          case 10 -> {
            if (canary != null) {
              sim.unblock(canary);
            }
          }
          default -> {
            if (random.nextInt(4) == 0) {
              sim.loseStatus();
            } else {
              sim.advance(Duration.ofMinutes(2));
            }
          }
        }
        List<String> uids =
            sim.status().history().stream()
                .map(HistoryEntry::actionUid)
                .filter(uid -> uid != null)
                .toList();
        assertThat(uids)
            .as("seed %d, mesh %s: an action recorded twice", seed, mesh)
            .doesNotHaveDuplicates();
      }
      checkRoutes(sim.routes(), steered, "seed " + seed + ", mesh " + mesh);
    }
  }

  private static void checkRoutes(
      List<RolloutSimulation.Route> routes, Set<String> steered, String run) {
    Map<String, List<Integer>> walks = new HashMap<>();
    for (int i = 0; i < routes.size(); i++) {
      RolloutSimulation.Route route = routes.get(i);
      if (route.canary() != null && route.stable() != null) {
        assertThat(route.replicas().get(route.stable()))
            .as("%s, decision %d: the serving revision keeps its size", run, i)
            .isEqualTo(SIZE);
        List<Integer> walk = walks.computeIfAbsent(route.canary(), c -> new ArrayList<>());
        if (route.weight() > 0 && (walk.isEmpty() || walk.get(walk.size() - 1) != route.weight())) {
          walk.add(route.weight());
        }
      }
      if (i > 0
          && route.stable() != null
          && !route.stable().equals(routes.get(i - 1).stable())
          && route.stable().equals(routes.get(i - 1).canary())
          && !steered.contains(route.stable())) {
        List<Integer> walk = walks.getOrDefault(route.stable(), List.of());
        assertThat(walk)
            .as("%s: %s promoted only after every step", run, route.stable())
            .endsWith(STEP_WEIGHTS.get(STEP_WEIGHTS.size() - 1));
      }
    }
    walks.forEach(
        (canary, walk) -> {
          if (!steered.contains(canary)) {
            // A canary restarted (a lost status) walks again from the first step: every run of its
            // walk
            // is a prefix of the steps' weights.
            List<List<Integer>> runs = splitAtRestarts(walk);
            for (List<Integer> part : runs) {
              assertThat(STEP_WEIGHTS.subList(0, Math.min(part.size(), STEP_WEIGHTS.size())))
                  .as("%s: %s walked %s", run, canary, walk)
                  .isEqualTo(part);
            }
          }
        });
  }

  private static List<List<Integer>> splitAtRestarts(List<Integer> walk) {
    List<List<Integer>> runs = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    for (int weight : walk) {
      if (!current.isEmpty() && weight < current.get(current.size() - 1)) {
        runs.add(current);
        current = new ArrayList<>();
      }
      current.add(weight);
    }
    if (!current.isEmpty()) {
      runs.add(current);
    }
    return runs.stream().filter(r -> !r.isEmpty()).collect(Collectors.toList());
  }
}
