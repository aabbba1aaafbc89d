package dev.gantry.operator.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.api.GroupPhase;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.api.ReleaseAction;
import dev.gantry.operator.api.ReleaseGroup;
import dev.gantry.operator.api.ReleaseGroupSpec;
import dev.gantry.operator.api.ReleaseGroupStatus;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.Microservices;
import dev.gantry.operator.testing.OperatorProcess;
import dev.gantry.operator.testing.PrometheusServer;
import dev.gantry.operator.testing.RunningOperator;
import dev.gantry.operator.testing.StandInService;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Release groups on a real control plane: three services that depend on each other released as one,
 * providers first, promoted together; a member failing its analysis (in a real Prometheus) aborting
 * all; an action on the group reaching every member once; and an operator killed in the middle of a
 * group's release that goes on without skipping or repeating a step.
 */
class ReleaseGroupIT {

  private static final List<String> SHOP = List.of("member", "order", "barista");

  private final LocalCluster cluster = LocalCluster.shared();

  /** barista calls order, order calls member. */
  private static String spec(String name, String version) {
    String dependsOn =
        switch (name) {
          case "barista" -> "[order]";
          case "order" -> "[member]";
          default -> "[]";
        };
    return """
        image: shop/%s:%s
        replicas: 2
        dependsOn: %s
        rollout: {strategy: Canary, canary: {scaleDownDelaySeconds: 0, steps: [{setWeight: 90}]}}
        """
        .formatted(name, version, dependsOn);
  }

  @Test
  void threeDependentServicesReleaseProvidersFirstAndArePromotedTogether() {
    Microservices services = new Microservices(cluster, cluster.createNamespace("group"));
    try (RunningOperator operator = RunningOperator.start(cluster, services.namespace())) {
      Map<String, String> first = shop(services);
      group(
          services,
          "members: [barista, order, member]\nsteps: [{setWeight: 30}, {setWeight: 60}]\ngatherSeconds: 3\n");
      awaitGroup(services, "idle", s -> s.phase() == GroupPhase.Pending);
      try (var weights = services.recordAllWeights()) {
        for (String name : List.of("barista", "order", "member")) {
          services.edit(name, spec(name, "2"));
        }
        ReleaseGroupStatus done =
            awaitGroup(
                services,
                "release 1 promoted",
                s -> s.phase() == GroupPhase.Healthy && Integer.valueOf(1).equals(s.release()));
        assertThat(done.history()).isEmpty();
        for (String name : SHOP) {
          MicroserviceStatus s = services.get(name).getStatus();
          assertThat(s.stableRevision()).as(name).isNotEqualTo(first.get(name));
          assertThat(s.releaseGroup()).isEqualTo("shop");
          assertThat(s.previousRevision()).isEqualTo(first.get(name));
        }
        assertThat(weights.trail())
            .as("each step reaches providers before their consumers")
            .containsSubsequence(
                "member@30", "order@30", "barista@30", "member@60", "order@60", "barista@60")
            .noneMatch(w -> w.endsWith("@90"));
      }
      var status = services.gantry("status", "group/shop");
      assertThat(status.code()).as(status.err()).isZero();
      assertThat(status.out()).contains("group/shop").contains("phase Healthy").contains("barista");
      assertThat(cluster.kubectl("get", "rg", "-n", services.namespace())).contains("Healthy");
    }
  }

  @Test
  void aMemberFailingItsAnalysisAbortsEveryMember() {
    Microservices services = new Microservices(cluster, cluster.createNamespace("group-abort"));
    List<StandInService> standIns = new ArrayList<>();
    try (PrometheusServer prometheus = PrometheusServer.start(List.of());
        RunningOperator operator =
            RunningOperator.start(
                cluster,
                services.namespace(),
                Map.of(
                    "GANTRY_PROMETHEUS_URL", prometheus.url(),
                    "GANTRY_METRICS_SOURCE", "Micrometer",
                    "GANTRY_ANALYSIS_MIN_INTERVAL", "1s"))) {
      Map<String, String> first = shop(services);
      group(
          services,
          """
          members: [member, order, barista]
          steps: [{setWeight: 20}, {pause: {}}]
          gatherSeconds: 2
          analysis:
            interval: 2s
            failureLimit: 0
            minRequests: 5
            metrics:
            - name: request-success-rate
              thresholdRange: {min: 99}
          """);
      for (String name : SHOP) {
        services.edit(name, spec(name, "2"));
      }
      awaitGroup(services, "progressing", s -> s.phase() == GroupPhase.Progressing);
      List<PrometheusServer.Target> targets = new ArrayList<>();
      for (String name : SHOP) {
        String candidate =
            awaitGroup(
                    services,
                    name + " has a candidate",
                    s -> s.member(name).map(m -> m.candidateRevision() != null).orElse(false))
                .member(name)
                .orElseThrow()
                .candidateRevision();
        StandInService stable = new StandInService(0, 5, 60);
        StandInService canary = new StandInService(name.equals("order") ? 0.3 : 0, 5, 60);
        standIns.add(stable);
        standIns.add(canary);
        targets.add(
            new PrometheusServer.Target(
                stable.address(), services.namespace(), name, first.get(name)));
        targets.add(
            new PrometheusServer.Target(canary.address(), services.namespace(), name, candidate));
      }
      prometheus.scrape(targets);
      ReleaseGroupStatus aborted =
          awaitGroup(
              services, "aborted", Duration.ofSeconds(90), s -> s.phase() == GroupPhase.Aborted);
      assertThat(aborted.message()).contains("order's revision").contains("was aborted");
      for (String name : SHOP) {
        MicroserviceStatus s =
            services.await(
                name,
                "aborted with its group",
                m -> m.phase() == Phase.Aborted && m.canaryRevision() == null);
        assertThat(s.stableRevision()).as(name).isEqualTo(first.get(name));
        services.awaitCanaryWeight(name, 0);
      }
      assertThat(cluster.kubectl("get", "events", "-n", services.namespace()))
          .contains("ReleaseAborted");
    } finally {
      standIns.forEach(StandInService::close);
    }
  }

  @Test
  void anActionOnTheGroupReachesEveryMemberOnce() {
    Microservices services = new Microservices(cluster, cluster.createNamespace("group-act"));
    try (RunningOperator operator = RunningOperator.start(cluster, services.namespace())) {
      shop(services);
      group(
          services,
          "members: [member, order, barista]\nsteps: [{setWeight: 25}, {pause: {}}]\ngatherSeconds: 2\n");
      for (String name : SHOP) {
        services.edit(name, spec(name, "2"));
      }
      awaitGroup(
          services,
          "paused at 25%",
          s -> s.phase() == GroupPhase.Paused && Integer.valueOf(25).equals(s.weight()));
      var rejected = services.gantry("promote", "order");
      assertThat(rejected.code()).isEqualTo(1);
      assertThat(rejected.err()).contains("released by release group shop");

      var promoted = services.gantry("promote", "group/shop", "--reason", "all good");
      assertThat(promoted.code()).as(promoted.err()).isZero();
      ReleaseGroupStatus done =
          awaitGroup(
              services, "promoted", s -> s.phase() == GroupPhase.Healthy && s.release() != null);
      assertThat(done.history())
          .singleElement()
          .satisfies(
              h -> {
                assertThat(h.action()).isEqualTo("Promote");
                assertThat(h.outcome()).isEqualTo("Applied");
                assertThat(h.reason()).isEqualTo("all good");
              });
      List<ReleaseAction> actions =
          cluster
              .admin()
              .resources(ReleaseAction.class)
              .inNamespace(services.namespace())
              .list()
              .getItems();
      assertThat(actions.stream().filter(a -> "shop".equals(a.getSpec().group())))
          .singleElement()
          .satisfies(a -> assertThat(a.getStatus().outcome()).isEqualTo("Applied"));
      for (String name : SHOP) {
        MicroserviceStatus s = services.get(name).getStatus();
        assertThat(s.phase()).as(name).isEqualTo(Phase.Healthy);
        assertThat(
                cluster
                    .admin()
                    .apps()
                    .deployments()
                    .inNamespace(services.namespace())
                    .withLabel("gantry.dev/microservice", name)
                    .list()
                    .getItems())
            .as("%s: promoted once, nothing rolled a second time", name)
            .hasSize(2);
      }
    }
  }

  @Test
  void anOperatorKilledMidReleaseGoesOnWithoutSkippingOrRepeatingAStep() {
    String namespace = cluster.createNamespace("group-kill");
    Microservices services = new Microservices(cluster, namespace);
    Path log = Path.of("target", "release-group-it.log");
    OperatorProcess first = OperatorProcess.start(cluster, namespace, log);
    try (var weights = services.recordAllWeights()) {
      shop(services);
      group(
          services,
          "members: [member, order, barista]\nsteps: [{setWeight: 20}, {pause: {}}, {setWeight: 50}, {pause: {}}]\ngatherSeconds: 2\n");
      for (String name : SHOP) {
        services.edit(name, spec(name, "2"));
      }
      ReleaseGroupStatus paused =
          awaitGroup(
              services,
              "paused at step 1",
              s ->
                  s.phase() == GroupPhase.Paused
                      && Integer.valueOf(1).equals(s.currentStepIndex()));
      first.kill();
      assertThat(first.isAlive()).isFalse();
      try (OperatorProcess second = OperatorProcess.start(cluster, namespace, log)) {
        assertThat(services.gantry("resume", "group/shop").code()).isZero();
        awaitGroup(
            services,
            "paused at step 3",
            s -> s.phase() == GroupPhase.Paused && Integer.valueOf(3).equals(s.currentStepIndex()));
        assertThat(services.gantry("promote", "group/shop").code()).isZero();
        ReleaseGroupStatus done =
            awaitGroup(services, "promoted", s -> s.phase() == GroupPhase.Healthy);
        assertThat(done.release()).isEqualTo(paused.release());
        assertThat(done.history()).extracting(h -> h.action()).containsExactly("Resume", "Promote");
        for (String name : SHOP) {
          assertThat(weights.trail().stream().filter(w -> w.startsWith(name + "@")).toList())
              .as("%s's weights: each step once, in order", name)
              .containsExactly(name + "@0", name + "@20", name + "@50", name + "@0");
        }
        assertThat(second.isAlive()).isTrue();
      }
    } finally {
      first.close();
    }
  }

  /** Creates the three services at version 1 and waits until they serve; their revisions. */
  private static Map<String, String> shop(Microservices services) {
    Map<String, String> stable = new HashMap<>();
    for (String name : SHOP) {
      services.create(name, spec(name, "1"));
    }
    for (String name : SHOP) {
      stable.put(
          name,
          services
              .await(name, "healthy", Duration.ofSeconds(90), s -> s.phase() == Phase.Healthy)
              .stableRevision());
    }
    return stable;
  }

  private void group(Microservices services, String specYaml) {
    ReleaseGroup group = new ReleaseGroup();
    group.setMetadata(
        new ObjectMetaBuilder().withName("shop").withNamespace(services.namespace()).build());
    group.setSpec(Serialization.unmarshal(specYaml, ReleaseGroupSpec.class));
    cluster.admin().resource(group).create();
  }

  private ReleaseGroupStatus awaitGroup(
      Microservices services, String what, Predicate<ReleaseGroupStatus> condition) {
    return awaitGroup(services, what, Duration.ofSeconds(90), condition);
  }

  private ReleaseGroupStatus awaitGroup(
      Microservices services,
      String what,
      Duration atMost,
      Predicate<ReleaseGroupStatus> condition) {
    return Awaitility.await("group/shop: " + what)
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                cluster
                    .admin()
                    .resources(ReleaseGroup.class)
                    .inNamespace(services.namespace())
                    .withName("shop")
                    .get(),
            g ->
                g != null
                    && g.getStatus() != null
                    && g.getMetadata().getGeneration().equals(g.getStatus().observedGeneration())
                    && condition.test(g.getStatus()))
        .getStatus();
  }
}
