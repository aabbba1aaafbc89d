package dev.gantry.operator.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gantry.operator.api.AnalysisStatus.Measurement;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.api.ReleaseAction;
import dev.gantry.operator.api.ReleaseActionSpec;
import dev.gantry.operator.api.ReleaseActionStatus;
import dev.gantry.operator.tenancy.Acceptance;
import dev.gantry.operator.tenancy.Violation;
import dev.gantry.operator.testing.Microservices;
import dev.gantry.operator.testing.MisbehavingPrometheus;
import dev.gantry.operator.testing.MisbehavingPrometheus.Behaviour;
import dev.gantry.operator.testing.PrometheusServer;
import dev.gantry.operator.testing.RunningOperator;
import dev.gantry.operator.testing.StandInService;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A service team holding exactly the Role helm/README documents (Microservices and Helm's Secrets
 * in its own namespace) tries, through Gantry, every way out of its namespace that a review found;
 * each fails the way it should, while a legitimate Microservice in the same namespace still rolls
 * out with analysis. The operator runs with the chart's ServiceAccount and settings:
 * team.example.com is granted to the team's namespace, pay.example.com to another team's.
 */
class TenantContainmentIT {

  private static final String TEAM = "team-dev";
  private static final String OTHER_TEAM = "victim-dev";

  private static InstalledPlatform platform;
  private static KubernetesClient admin;
  private static KubernetesClient team;
  private static KubernetesClient otherTeam;
  private static Microservices teamServices;
  private static Microservices otherTeamServices;
  private static PrometheusServer prometheus;
  private static MisbehavingPrometheus slow;
  private static MisbehavingPrometheus huge;
  private static StandInService otherTeamsService;
  private static RunningOperator operator;

  @BeforeAll
  static void start() {
    platform = InstalledPlatform.get();
    admin = platform.cluster.admin();
    grantTeamRole(platform.team, TEAM);
    grantTeamRole(platform.victim, OTHER_TEAM);
    team = platform.cluster.as(TEAM);
    otherTeam = platform.cluster.as(OTHER_TEAM);
    teamServices = new Microservices(platform.cluster, platform.team, team);
    otherTeamServices = new Microservices(platform.cluster, platform.victim, otherTeam);
    otherTeamsService = new StandInService(0, 5, 20);
    prometheus = PrometheusServer.start(List.of(otherTeamsTarget()));
    slow = new MisbehavingPrometheus(Behaviour.OneBytePerSecond);
    huge = new MisbehavingPrometheus(Behaviour.FiftyMegabytes);
    operator =
        platform.startOperator(
            platform.team + "," + platform.victim,
            Map.of(
                "GANTRY_PROMETHEUS_URL", prometheus.url(),
                "GANTRY_PROMETHEUS_ENDPOINTS", "slow=" + slow.url() + ",huge=" + huge.url(),
                "GANTRY_METRICS_SOURCE", "Micrometer",
                "GANTRY_ANALYSIS_MIN_INTERVAL", "1s",
                "GANTRY_ANALYSIS_QUERY_TIMEOUT", "3s",
                // Fewer reconcile threads than misbehaving analyses: were checks run on them,
                // nothing else would move.
                "GANTRY_RECONCILE_THREADS", "2",
                // The chart grants the team old.example.com too; the operator's own list no longer
                // does.
                "GANTRY_ALLOWED_DOMAINS",
                    "team.example.com=" + platform.team + ";pay.example.com=" + platform.victim));
  }

  @AfterAll
  static void stop() throws IOException {
    operator.close();
    prometheus.close();
    slow.close();
    huge.close();
    otherTeamsService.close();
    team.close();
    otherTeam.close();
  }

  @Test
  void routesCannotClaimAnotherNamespacesNames() {
    refused(
        "claim",
        "traffic: {publicPaths: ['/*'], hosts: [pay." + platform.victim + ".svc.cluster.local]}",
        "spec.traffic.hosts",
        "must not be in-cluster names");
    refused(
        "claim",
        "traffic: {publicPaths: ['/*'], hosts: ['*.example.com']}",
        "spec.traffic.hosts",
        "must not be wildcards");
    refused(
        "claim",
        "traffic: {publicPaths: ['/*'], hosts: [api.pay.example.com]}",
        "spec.traffic.hosts",
        "api.pay.example.com not in a domain the platform allows namespace "
            + platform.team
            + " to route (allowed: team.example.com, old.example.com)");
    refused(
        "claim",
        "rollout: {strategy: BlueGreen, blueGreen: {previewHosts: [preview.pay.example.com]}}",
        "spec.rollout.blueGreen.previewHosts",
        "preview.pay.example.com not in a domain");
    assertThat(
            team.resources(Microservice.class).inNamespace(platform.team).withName("claim").get())
        .as("nothing refused was stored")
        .isNull();

    teamServices.create(
        "web",
        """
        image: team/web:1
        traffic: {publicPaths: ['/*'], hosts: [web.team.example.com], gateways: [istio-system/gantry-gateway]}
        """);
    MicroserviceStatus healthy =
        teamServices.await("web", "healthy", s -> s.phase() == Phase.Healthy);
    assertThat(accepted(healthy))
        .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
    VirtualService vs =
        admin.resources(VirtualService.class).inNamespace(platform.team).withName("web").get();
    assertThat(vs.getSpec().getHosts()).containsExactly("web", "web.team.example.com");
    assertThat(vs.getSpec().getExportTo())
        .as("its own namespace and the gateway's, nothing else")
        .containsExactly(".", "istio-system");
    assertThat(
            admin
                .resources(DestinationRule.class)
                .inNamespace(platform.team)
                .withName("web")
                .get()
                .getSpec()
                .getExportTo())
        .containsExactly(".", "istio-system");

    // A gateway in another team's namespace is not one the platform lists: the route never binds to
    // it.
    teamServices.edit(
        "web",
        """
        image: team/web:1
        traffic: {publicPaths: ['/*'], hosts: [web.team.example.com], gateways: [%s/their-gateway]}
        """
            .formatted(platform.victim));
    MicroserviceStatus degraded =
        teamServices.await("web", "gateway left out", s -> s.phase() == Phase.Degraded);
    assertThat(accepted(degraded))
        .hasValueSatisfying(
            c -> {
              assertThat(c.getReason()).isEqualTo(Violation.GATEWAY_NOT_ALLOWED);
              assertThat(c.getMessage()).contains("spec.traffic.gateways[0]");
            });
    await("the route without the other namespace's gateway")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              VirtualService route =
                  admin
                      .resources(VirtualService.class)
                      .inNamespace(platform.team)
                      .withName("web")
                      .get();
              assertThat(route.getSpec().getGateways()).isNullOrEmpty();
              assertThat(route.getSpec().getExportTo()).containsExactly(".");
            });
  }

  /**
   * The API server's grants and the operator's can differ — a grant revoked in the operator's
   * configuration before the admission policy — and then the operator's hold.
   */
  @Test
  void hostsThePlatformNoLongerGrantsAreLeftOutOfTheRoutes() {
    teamServices.create(
        "legacy",
        "image: team/legacy:1\ntraffic: {publicPaths: ['/*'], hosts: [legacy.old.example.com, "
            + "legacy.team.example.com]}");
    MicroserviceStatus status =
        teamServices.await(
            "legacy",
            "the host left out",
            s -> s.phase() == Phase.Degraded && accepted(s).isPresent());
    assertThat(status.message())
        .startsWith(
            "spec.traffic.hosts[0]: legacy.old.example.com is not in a domain"
                + " the platform allows namespace "
                + platform.team);
    assertThat(accepted(status).get().getReason()).isEqualTo(Violation.HOST_NOT_ALLOWED);
    await("the route without it")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        admin
                            .resources(VirtualService.class)
                            .inNamespace(platform.team)
                            .withName("legacy")
                            .get()
                            .getSpec()
                            .getHosts())
                    .containsExactly("legacy", "legacy.team.example.com"));
  }

  @Test
  void analysisAsksOnlyThePlatformsPrometheusAndReadsOnlyTheTeamsSeries() throws IOException {
    Path manifest = Files.createTempFile("ssrf", ".yaml");
    Files.writeString(
        manifest,
        """
        apiVersion: gantry.dev/v1alpha1
        kind: Microservice
        metadata: {name: ssrf}
        spec:
          image: team/ssrf:1
          rollout:
            strategy: Canary
            canary:
              steps: [{setWeight: 10}]
              analysis:
                prometheusUrl: http://169.254.169.254/latest/meta-data/?
                metrics: [{name: request-success-rate, thresholdRange: {min: 99}}]
        """);
    assertThatThrownBy(
            () ->
                platform.cluster.kubectl(
                    "--as", TEAM, "apply", "-n", platform.team, "-f", manifest.toString()))
        .hasMessageContaining("unknown field \"spec.rollout.canary.analysis.prometheusUrl\"");

    String spec =
        """
        image: team/orders:%s
        replicas: 2
        rollout:
          strategy: Canary
          canary:
            scaleDownDelaySeconds: 1
            steps: [{setWeight: 50}]
            analysis:
              interval: 2s
              minRequests: 10
              metrics:
              - name: scrape-targets
                query: count(up)
                thresholdRange: {max: 2}
              - name: request-success-rate
                thresholdRange: {min: 99}
        """;
    try (var stable = new StandInService(0, 5, 40);
        var canary = new StandInService(0, 5, 40)) {
      teamServices.create("orders", spec.formatted("1"));
      String stableRevision =
          teamServices.await("orders", "healthy", s -> s.phase() == Phase.Healthy).stableRevision();
      Deployment deployment =
          admin
              .apps()
              .deployments()
              .inNamespace(platform.team)
              .withName("orders-" + stableRevision)
              .get();
      assertThat(
              deployment
                  .getSpec()
                  .getTemplate()
                  .getSpec()
                  .getContainers()
                  .get(0)
                  .getResources()
                  .getRequests())
          .as("never BestEffort: the platform's default requests")
          .containsKeys("cpu", "memory");
      teamServices.edit("orders", spec.formatted("2"));
      String canaryRevision =
          teamServices.await("orders", "canary", s -> s.canaryRevision() != null).canaryRevision();
      prometheus.scrape(
          List.of(
              otherTeamsTarget(),
              new PrometheusServer.Target(
                  stable.address(), platform.team, "orders", stableRevision),
              new PrometheusServer.Target(
                  canary.address(), platform.team, "orders", canaryRevision)));
      // Three targets in Prometheus, two of them the team's: count(up) passes its maximum of 2 only
      // if confined.
      MicroserviceStatus promoted =
          teamServices.await(
              "orders",
              "promoted",
              Duration.ofSeconds(90),
              s -> s.phase() == Phase.Healthy && canaryRevision.equals(s.stableRevision()));
      Measurement targets =
          promoted.analysis().measurements().stream()
              .filter(m -> m.metric().equals("scrape-targets"))
              .findFirst()
              .orElseThrow();
      assertThat(targets.value()).isEqualTo(2.0);
      assertThat(targets.query()).isEqualTo("count(up{namespace=\"" + platform.team + "\"})");
    }

    teamServices.create(
        "spy",
        """
        image: team/spy:1
        rollout:
          strategy: Canary
          canary:
            steps: [{setWeight: 10}]
            analysis:
              metrics:
              - name: their-traffic
                query: sum(http_server_requests_seconds_count{namespace="%s"})
                thresholdRange: {min: 0}
        """
            .formatted(platform.victim));
    MicroserviceStatus spy =
        teamServices.await(
            "spy",
            "not accepted",
            s -> accepted(s).isPresent() && "False".equals(accepted(s).get().getStatus()));
    assertThat(accepted(spy).get().getReason()).isEqualTo(Violation.QUERY_NOT_CONFINED);
    assertThat(accepted(spy).get().getMessage())
        .contains("spec.rollout.canary.analysis.metrics[0].query")
        .contains("may only read namespace");
  }

  @Test
  void aSlowOrHugePrometheusHoldsOnlyItsOwnAnalysis() {
    String spec =
        """
        image: team/%s:%s
        rollout:
          strategy: Canary
          canary:
            steps: [{setWeight: 50}, {pause: {}}]
            analysis:
              prometheus: %s
              interval: 1s
              inconclusiveLimit: 1
              metrics: [{name: request-success-rate, thresholdRange: {min: 99}}]
        """;
    List<String[]> bad =
        List.of(
            new String[] {"drip-a", "slow"},
            new String[] {"drip-b", "slow"},
            new String[] {"flood", "huge"});
    for (String[] service : bad) {
      teamServices.create(service[0], spec.formatted(service[0], "1", service[1]));
    }
    for (String[] service : bad) {
      teamServices.await(service[0], "healthy", s -> s.phase() == Phase.Healthy);
      teamServices.edit(service[0], spec.formatted(service[0], "2", service[1]));
    }
    await("checks stuck on the slow Prometheus")
        .atMost(Duration.ofSeconds(60))
        .until(() -> slow.openConnections() >= 2 && huge.queries() >= 1);

    Instant created = Instant.now();
    otherTeamServices.create("pay", "image: victim/pay:1");
    await("the other team's Deployment")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !admin
                    .apps()
                    .deployments()
                    .inNamespace(platform.victim)
                    .withLabel("gantry.dev/microservice", "pay")
                    .list()
                    .getItems()
                    .isEmpty());
    Duration reconciled = Duration.between(created, Instant.now());
    assertThat(slow.openConnections())
        .as("the slow checks were still waiting meanwhile")
        .isPositive();
    System.out.printf(
        "another namespace's Deployment %d ms after its Microservice, with checks hanging%n",
        reconciled.toMillis());
    otherTeamServices.await("pay", "healthy", s -> s.phase() == Phase.Healthy);

    for (String[] service : bad) {
      MicroserviceStatus paused =
          teamServices.await(
              service[0],
              "paused as inconclusive",
              Duration.ofSeconds(60),
              s -> s.phase() == Phase.Paused && s.analysis() != null);
      assertThat(paused.analysis().verdict()).isEqualTo("Inconclusive");
      assertThat(paused.stableRevision())
          .as("never promoted")
          .isNotEqualTo(paused.canaryRevision());
      assertThat(paused.analysis().measurements())
          .singleElement()
          .satisfies(
              m ->
                  assertThat(m.reason())
                      .contains(
                          service[1].equals("slow")
                              ? "no answer within 3s"
                              : "answer larger than 1 MiB"));
      team.resources(Microservice.class).inNamespace(platform.team).withName(service[0]).delete();
    }
  }

  @Test
  void podsRunOnlyUnderAServiceAccountGantryMadeForThem() {
    admin
        .serviceAccounts()
        .inNamespace(platform.team)
        .resource(
            new ServiceAccountBuilder().withNewMetadata().withName("payroll").endMetadata().build())
        .create();
    teamServices.create("payroll", "image: team/payroll:1");
    MicroserviceStatus refused =
        teamServices.await(
            "payroll",
            "not accepted",
            s ->
                s.phase() == Phase.Degraded
                    && accepted(s).map(c -> "False".equals(c.getStatus())).orElse(false));
    assertThat(accepted(refused).get().getReason()).isEqualTo(Violation.NAME_IN_USE);
    assertThat(refused.message())
        .contains("ServiceAccount payroll: already exists and is not managed by Gantry");
    assertThat(
            admin
                .apps()
                .deployments()
                .inNamespace(platform.team)
                .withLabel("gantry.dev/microservice", "payroll")
                .list()
                .getItems())
        .as("nothing deployed")
        .isEmpty();
    ServiceAccount account =
        admin.serviceAccounts().inNamespace(platform.team).withName("payroll").get();
    assertThat(account.getMetadata().getOwnerReferences()).as("not adopted").isNullOrEmpty();
    assertThat(account.getMetadata().getLabels()).isNullOrEmpty();
    platform.cluster.awaitEvent(platform.team, "payroll", Violation.NAME_IN_USE);

    admin.serviceAccounts().inNamespace(platform.team).withName("payroll").delete();
    await("the foreign account gone")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                admin.serviceAccounts().inNamespace(platform.team).withName("payroll").get()
                    == null);
    teamServices.edit("payroll", "image: team/payroll:1\nreplicas: 2");
    MicroserviceStatus healthy =
        teamServices.await("payroll", "healthy", s -> s.phase() == Phase.Healthy);
    assertThat(accepted(healthy).get().getStatus()).isEqualTo("True");
    Microservice payroll =
        team.resources(Microservice.class).inNamespace(platform.team).withName("payroll").get();
    assertThat(
            admin
                .serviceAccounts()
                .inNamespace(platform.team)
                .withName("payroll")
                .get()
                .getMetadata()
                .getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(payroll.getMetadata().getUid()));
  }

  @Test
  void onlyTheOperatorWritesStatus() {
    teamServices.create("ledger", "image: team/ledger:1");
    teamServices.await("ledger", "healthy", s -> s.phase() == Phase.Healthy);
    assertThatThrownBy(() -> rewriteHistory(team))
        .as("the documented team Role has no status rights")
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));

    // Even a Role that grants status writes does not let anyone but the operator make them.
    admin
        .rbac()
        .roles()
        .inNamespace(platform.team)
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("status-writer")
                .endMetadata()
                .withRules(
                    new PolicyRuleBuilder()
                        .withApiGroups("gantry.dev")
                        .withResources("microservices")
                        .withVerbs("get", "list")
                        .build(),
                    new PolicyRuleBuilder()
                        .withApiGroups("gantry.dev")
                        .withResources("microservices/status", "releaseactions/status")
                        .withVerbs("get", "patch", "update")
                        .build())
                .build())
        .create();
    bind(platform.team, "status-writer", "Role", "team-lead");
    try (KubernetesClient lead = platform.cluster.as("team-lead")) {
      assertThatThrownBy(() -> rewriteHistory(lead))
          .isInstanceOfSatisfying(
              KubernetesClientException.class,
              e -> {
                assertThat(e.getCode()).isEqualTo(403);
                assertThat(e.getMessage())
                    .contains("only the Gantry operator writes the status of microservices");
              });
    }
    assertThat(
            team.resources(Microservice.class)
                .inNamespace(platform.team)
                .withName("ledger")
                .get()
                .getStatus()
                .phase())
        .isEqualTo(Phase.Healthy);
  }

  @Test
  void releaseActionsAreRefusedWhileTheirAuthorCannotBeChecked() {
    bind(platform.team, "gantry-release-manager", "ClusterRole", "release-manager");
    teamServices.create(
        "cart",
        "image: team/cart:1\nrollout: {strategy: Canary, canary: {steps: [{setWeight: 10}, {pause: {}}]}}");
    teamServices.await("cart", "healthy", s -> s.phase() == Phase.Healthy);
    teamServices.edit(
        "cart",
        "image: team/cart:2\nrollout: {strategy: Canary, canary: {steps: [{setWeight: 10}, {pause: {}}]}}");
    teamServices.await("cart", "paused", s -> s.phase() == Phase.Paused);

    var bindings = admin.resources(ValidatingAdmissionPolicyBinding.class);
    ValidatingAdmissionPolicyBinding binding =
        bindings.withName("gantry-releaseaction-requested-by").get();
    bindings.withName("gantry-releaseaction-requested-by").delete();
    try (KubernetesClient releaseManager = platform.cluster.as("release-manager")) {
      // A weight change is applied while the policy holds: its refusal shows the operator noticed.
      await("the operator notices the policy is gone")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  answer(releaseManager, "release-manager", ReleaseActionSpec.Action.SetWeight, 20)
                      .outcome()
                      .equals(ReleaseActionStatus.REJECTED));
      // The API server, too, stops checking within a moment; then a forged author gets through to
      // the operator.
      ReleaseActionStatus forged =
          await("the API server no longer checks requestedBy")
              .atMost(Duration.ofSeconds(30))
              .ignoreExceptionsMatching(
                  e -> e instanceof KubernetesClientException k && k.getCode() == 403)
              .until(
                  () -> answer(releaseManager, "cto", ReleaseActionSpec.Action.Abort, null),
                  answer -> true);
      assertThat(forged.outcome()).isEqualTo(ReleaseActionStatus.REJECTED);
      assertThat(forged.message())
          .contains(
              "ValidatingAdmissionPolicyBinding gantry-releaseaction-requested-by is not"
                  + " installed, so requestedBy cannot be trusted");
      MicroserviceStatus cart =
          team.resources(Microservice.class)
              .inNamespace(platform.team)
              .withName("cart")
              .get()
              .getStatus();
      assertThat(cart.phase()).as("the forged abort never happened").isEqualTo(Phase.Paused);
      assertThat(cart.history()).noneSatisfy(h -> assertThat(h.user()).isEqualTo("cto"));

      binding.getMetadata().setResourceVersion(null);
      bindings.resource(binding).create();
      await("trusted again")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  answer(releaseManager, "release-manager", ReleaseActionSpec.Action.SetWeight, 30)
                      .outcome()
                      .equals(ReleaseActionStatus.APPLIED));
    } finally {
      if (bindings.withName("gantry-releaseaction-requested-by").get() == null) {
        binding.getMetadata().setResourceVersion(null);
        bindings.resource(binding).create();
      }
    }
  }

  /** Creates a ReleaseAction for cart and waits for the operator's answer. */
  private static ReleaseActionStatus answer(
      KubernetesClient client,
      String requestedBy,
      ReleaseActionSpec.Action action,
      Integer weight) {
    ReleaseAction request = new ReleaseAction();
    request.setMetadata(
        new ObjectMetaBuilder().withGenerateName("cart-").withNamespace(platform.team).build());
    request.setSpec(
        new ReleaseActionSpec("cart", action, weight, "tenant containment", requestedBy));
    ReleaseAction created = client.resource(request).create();
    return await("an answer to " + created.getMetadata().getName())
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client
                    .resources(ReleaseAction.class)
                    .inNamespace(platform.team)
                    .withName(created.getMetadata().getName())
                    .get()
                    .getStatus(),
            s -> s != null && s.outcome() != null);
  }

  private static void rewriteHistory(KubernetesClient client) {
    client
        .resources(Microservice.class)
        .inNamespace(platform.team)
        .withName("ledger")
        .editStatus(
            ms -> {
              ms.setStatus(
                  ms.getStatus().toBuilder().history(List.of()).phase(Phase.Aborted).build());
              return ms;
            });
  }

  /**
   * The Role helm/README documents for a service team, bound to {@code user} in {@code namespace}.
   */
  private static void grantTeamRole(String namespace, String user) {
    admin
        .rbac()
        .roles()
        .inNamespace(namespace)
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("service-team")
                .endMetadata()
                .withRules(
                    new PolicyRuleBuilder()
                        .withApiGroups("gantry.dev")
                        .withResources("microservices")
                        .withVerbs("get", "list", "watch", "create", "update", "patch", "delete")
                        .build(),
                    new PolicyRuleBuilder()
                        .withApiGroups("")
                        .withResources("secrets")
                        .withVerbs("get", "list", "watch", "create", "update", "patch", "delete")
                        .build())
                .build())
        .create();
    bind(namespace, "service-team", "Role", user);
  }

  private static void bind(String namespace, String role, String kind, String user) {
    admin
        .rbac()
        .roleBindings()
        .inNamespace(namespace)
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName(role + "-" + user)
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind(kind)
                .withName(role)
                .endRoleRef()
                .addNewSubject()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("User")
                .withName(user)
                .endSubject()
                .build())
        .create();
  }

  private static PrometheusServer.Target otherTeamsTarget() {
    return new PrometheusServer.Target(otherTeamsService.address(), platform.victim, "pay", "v1");
  }

  private static void refused(String name, String spec, String field, String message) {
    assertThatThrownBy(() -> teamServices.create(name, "image: team/" + name + ":1\n" + spec))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getMessage()).contains(field).contains(message);
            });
  }

  private static Optional<Condition> accepted(MicroserviceStatus status) {
    return status.condition(Acceptance.ACCEPTED);
  }
}
