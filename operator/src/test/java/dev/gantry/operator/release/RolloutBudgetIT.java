package dev.gantry.operator.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.api.GroupPhase;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.api.ReleaseGroup;
import dev.gantry.operator.api.ReleaseGroupSpec;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.reconcile.RolloutBudgets;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.Microservices;
import dev.gantry.operator.testing.OperatorProcess;
import dev.gantry.operator.testing.RunningOperator;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Budgets of concurrent rollouts on a real control plane: never more progressing at once than a
 * platform engineer allows (counted from a watch on the Deployments, not from the statuses), every
 * waiting rollout saying where it stands, first come first served, across a SIGKILL of the
 * operator.
 */
class RolloutBudgetIT {

  private static final String SPEC =
      """
      image: shop/%s:%s
      replicas: 2
      rollout:
        strategy: Canary
        canary:
          scaleDownDelaySeconds: 0
          steps: [{setWeight: 50}, {pause: {duration: 2s}}]
      """;

  /** Stops at an indefinite pause: a rollout that holds its slot until promoted. */
  private static final String HOLDING_SPEC =
      """
      image: shop/%s:%s
      replicas: 1
      rollout:
        strategy: Canary
        canary:
          scaleDownDelaySeconds: 0
          steps: [{setWeight: 20}, {pause: {}}]
      """;

  private final LocalCluster cluster = LocalCluster.shared();

  @Test
  void anOperatorWideBudgetOfTwoNeverHasMoreThanTwoProgressingAndAllSixEndHealthy() {
    Microservices services = new Microservices(cluster, cluster.createNamespace("budget"));
    List<String> names = IntStream.rangeClosed(1, 6).mapToObj(i -> "svc" + i).toList();
    try (RunningOperator operator =
            RunningOperator.start(
                cluster, services.namespace(), Map.of("GANTRY_MAX_CONCURRENT_ROLLOUTS", "2"));
        ProgressingCount progressing = new ProgressingCount(cluster, services.namespace())) {
      names.forEach(n -> services.create(n, SPEC.formatted(n, "1")));
      Map<String, String> first = new HashMap<>();
      names.forEach(n -> first.put(n, awaitHealthy(services, n).stableRevision()));

      names.forEach(n -> services.edit(n, SPEC.formatted(n, "2")));
      MicroserviceStatus waiting =
          services.await(
              "svc6",
              "waiting for a slot",
              s -> s.phase() == Phase.Queued || !first.get("svc6").equals(s.stableRevision()));
      if (waiting.phase() == Phase.Queued) {
        assertThat(waiting.queuePosition()).isPositive();
        assertThat(waiting.message()).contains("the operator-wide budget of 2 concurrent rollouts");
      }
      for (String n : names) {
        services.await(
            n,
            "promoted",
            Duration.ofSeconds(120),
            s -> s.phase() == Phase.Healthy && !first.get(n).equals(s.stableRevision()));
      }
      assertThat(progressing.max())
          .as("Microservices with two revisions running at once, seen by a Deployment watch")
          .isEqualTo(2);
      assertThat(progressing.queuedSeen())
          .as("some rollouts had to wait")
          .isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void aNamespaceBudgetQueuesFirstComeFirstServedAndARaisedBudgetLetsTheRestStart() {
    Microservices services = new Microservices(cluster, cluster.createNamespace("ns-budget"));
    budget(services.namespace(), "1");
    try (RunningOperator operator = RunningOperator.start(cluster, services.namespace())) {
      for (String n : List.of("a", "b", "c")) {
        services.create(n, HOLDING_SPEC.formatted(n, "1"));
        awaitHealthy(services, n);
      }
      services.edit("a", HOLDING_SPEC.formatted("a", "2"));
      services.await("a", "paused at the indefinite pause", s -> s.phase() == Phase.Paused);
      services.edit("b", HOLDING_SPEC.formatted("b", "2"));
      services.await("b", "queued first", s -> s.phase() == Phase.Queued);
      services.edit("c", HOLDING_SPEC.formatted("c", "2"));
      MicroserviceStatus c =
          services.await(
              "c", "queued second", s -> s.phase() == Phase.Queued && s.queuePosition() == 2);
      assertThat(c.message())
          .contains("number 2 in line: namespace " + services.namespace() + "'s budget of 1");
      assertThat(c.canaryRevision()).isNull();
      assertThat(deploymentsOf(services, "c")).as("a queued revision has no Deployment").hasSize(1);
      assertThat(services.gantry("status", "c").out())
          .contains("phase Queued")
          .contains("queued   number 2 in line for a rollout slot");
      assertThat(cluster.kubectl("get", "events", "-n", services.namespace())).contains("Queued");

      // A Microservice deleted while queued leaves the queue: c moves up.
      services.delete("b");
      services.await(
          "c", "first in line", s -> s.queuePosition() != null && s.queuePosition() == 1);

      // Promoting a frees its slot for c at once.
      assertThat(services.gantry("promote", "a").code()).isZero();
      awaitHealthy(services, "a");
      services.await("c", "started once a was done", s -> s.canaryRevision() != null);

      // Raising the namespace's budget lets a newly queued rollout start without waiting.
      services.edit("a", HOLDING_SPEC.formatted("a", "3"));
      services.await("a", "queued behind c", s -> s.phase() == Phase.Queued);
      budget(services.namespace(), "2");
      services.await("a", "started under the raised budget", s -> s.canaryRevision() != null);
    }
  }

  @Test
  void aReleaseGroupTakesOneSlotForAllItsMembers() {
    Microservices services = new Microservices(cluster, cluster.createNamespace("budget-group"));
    try (RunningOperator operator =
        RunningOperator.start(
            cluster, services.namespace(), Map.of("GANTRY_MAX_CONCURRENT_ROLLOUTS", "1"))) {
      for (String n : List.of("a", "b", "solo")) {
        services.create(n, HOLDING_SPEC.formatted(n, "1"));
        awaitHealthy(services, n);
      }
      ReleaseGroup pair = new ReleaseGroup();
      pair.setMetadata(
          new ObjectMetaBuilder().withName("pair").withNamespace(services.namespace()).build());
      pair.setSpec(
          Serialization.unmarshal(
              "members: [a, b]\nsteps: [{setWeight: 20}, {pause: {}}]\ngatherSeconds: 1",
              ReleaseGroupSpec.class));
      cluster.admin().resource(pair).create();
      services.edit("a", HOLDING_SPEC.formatted("a", "2"));
      services.edit("b", HOLDING_SPEC.formatted("b", "2"));
      services.await("a", "released by the group", s -> s.canaryRevision() != null);
      services.await("b", "released by the group", s -> s.canaryRevision() != null);

      services.edit("solo", HOLDING_SPEC.formatted("solo", "2"));
      MicroserviceStatus solo =
          services.await("solo", "queued behind the group", s -> s.phase() == Phase.Queued);
      assertThat(solo.queuePosition()).isEqualTo(1);
      assertThat(solo.message()).contains("the operator-wide budget of 1 concurrent rollout");

      // At its pause step, so the promote below is not spent on the step before it.
      Awaitility.await("group/pair paused at its pause step")
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  cluster
                      .admin()
                      .resources(ReleaseGroup.class)
                      .inNamespace(services.namespace())
                      .withName("pair")
                      .get(),
              g -> g.getStatus() != null && g.getStatus().phase() == GroupPhase.Paused);
      assertThat(services.gantry("promote", "group/pair").code()).isZero();
      services.await("solo", "started once the group was done", s -> s.canaryRevision() != null);
      assertThat(services.get("a").getStatus().phase()).isEqualTo(Phase.Healthy);
    }
  }

  @Test
  void anOperatorKilledMidQueueResumesInTheSameOrder() {
    String namespace = cluster.createNamespace("budget-kill");
    Microservices services = new Microservices(cluster, namespace);
    Path log = Path.of("target", "rollout-budget-it.log");
    Map<String, String> budget = Map.of("GANTRY_MAX_CONCURRENT_ROLLOUTS", "1");
    OperatorProcess first = OperatorProcess.start(cluster, namespace, log, budget, List.of());
    try {
      for (String n : List.of("x", "y", "z")) {
        services.create(n, HOLDING_SPEC.formatted(n, "1"));
        awaitHealthy(services, n);
      }
      services.edit("x", HOLDING_SPEC.formatted("x", "2"));
      services.await("x", "paused", s -> s.phase() == Phase.Paused);
      services.edit("z", HOLDING_SPEC.formatted("z", "2"));
      services.await("z", "queued", s -> s.phase() == Phase.Queued);
      services.edit("y", HOLDING_SPEC.formatted("y", "2"));
      MicroserviceStatus y =
          services.await(
              "y", "queued behind z", s -> s.phase() == Phase.Queued && s.queuePosition() == 2);
      String zSince = services.get("z").getStatus().rolloutState().queuedSince();

      first.kill();
      assertThat(first.isAlive()).isFalse();
      try (OperatorProcess second =
          OperatorProcess.start(cluster, namespace, log, budget, List.of())) {
        assertThat(services.gantry("promote", "x").code()).isZero();
        awaitHealthy(services, "x");
        // Paused at its pause step, so the promote below is not spent on the step before it.
        services.await(
            "z",
            "z was first in line",
            s -> s.canaryRevision() != null && s.phase() == Phase.Paused);
        assertThat(services.get("y").getStatus().phase())
            .as("y still waits: the restarted operator kept the order")
            .isEqualTo(Phase.Queued);
        assertThat(services.get("y").getStatus().rolloutState().queuedSince())
            .isEqualTo(y.rolloutState().queuedSince());
        assertThat(zSince).isLessThan(y.rolloutState().queuedSince());
        assertThat(services.gantry("promote", "z").code()).isZero();
        services.await("y", "y's turn", s -> s.canaryRevision() != null);
        assertThat(second.isAlive()).isTrue();
      }
    } finally {
      first.close();
    }
  }

  /** A platform engineer's budget for {@code namespace}. */
  private void budget(String namespace, String limit) {
    cluster
        .admin()
        .namespaces()
        .withName(namespace)
        .edit(
            ns -> {
              Map<String, String> annotations = new HashMap<>();
              if (ns.getMetadata().getAnnotations() != null) {
                annotations.putAll(ns.getMetadata().getAnnotations());
              }
              annotations.put(RolloutBudgets.ANNOTATION, limit);
              ns.getMetadata().setAnnotations(annotations);
              return ns;
            });
  }

  private static MicroserviceStatus awaitHealthy(Microservices services, String name) {
    return services.await(name, "healthy", Duration.ofSeconds(90), s -> s.phase() == Phase.Healthy);
  }

  private List<Deployment> deploymentsOf(Microservices services, String name) {
    return cluster
        .admin()
        .apps()
        .deployments()
        .inNamespace(services.namespace())
        .withLabel(Labels.MICROSERVICE, name)
        .list()
        .getItems();
  }

  /**
   * Watches the namespace's Deployments: a Microservice with two revisions running (replicas above
   * zero) is progressing. Keeps the most seen at once; also counts Queued statuses seen.
   */
  private static final class ProgressingCount implements AutoCloseable {
    private final Map<String, Map<String, Integer>> running = new HashMap<>();
    private final AtomicInteger max = new AtomicInteger();
    private final Watch deployments;
    private final Watch statuses;
    private final Set<String> queued = java.util.concurrent.ConcurrentHashMap.newKeySet();

    ProgressingCount(LocalCluster cluster, String namespace) {
      deployments =
          cluster
              .admin()
              .apps()
              .deployments()
              .inNamespace(namespace)
              .watch(
                  new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, Deployment d) {
                      record(action, d);
                    }

                    @Override
                    public void onClose(WatcherException cause) {}
                  });
      statuses =
          cluster
              .microservices()
              .inNamespace(namespace)
              .watch(
                  new Watcher<>() {
                    @Override
                    public void eventReceived(
                        Action action, dev.gantry.operator.api.Microservice ms) {
                      if (ms.getStatus() != null && ms.getStatus().phase() == Phase.Queued) {
                        queued.add(ms.getMetadata().getName());
                      }
                    }

                    @Override
                    public void onClose(WatcherException cause) {}
                  });
    }

    private synchronized void record(Watcher.Action action, Deployment d) {
      String service = d.getMetadata().getLabels().get(Labels.MICROSERVICE);
      Map<String, Integer> revisions = running.computeIfAbsent(service, s -> new HashMap<>());
      int replicas = d.getSpec().getReplicas() == null ? 0 : d.getSpec().getReplicas();
      if (action == Watcher.Action.DELETED || replicas == 0) {
        revisions.remove(d.getMetadata().getName());
      } else {
        revisions.put(d.getMetadata().getName(), replicas);
      }
      int now = (int) running.values().stream().filter(r -> r.size() > 1).count();
      max.accumulateAndGet(now, Math::max);
    }

    int max() {
      return max.get();
    }

    int queuedSeen() {
      return queued.size();
    }

    @Override
    public void close() {
      deployments.close();
      statuses.close();
    }
  }
}
