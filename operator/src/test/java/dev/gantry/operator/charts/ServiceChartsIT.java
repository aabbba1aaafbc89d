package dev.gantry.operator.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.operator.api.GroupPhase;
import dev.gantry.operator.api.MemberRelease;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.api.ReleaseGroup;
import dev.gantry.operator.testing.Helm;
import dev.gantry.operator.testing.Microservices;
import dev.gantry.operator.testing.RunningOperator;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service teams' charts installed with {@code helm install} into restricted namespaces,
 * reconciled by the operator running as the operator chart's ServiceAccount: a team ships, upgrades
 * and removes a service holding rights to Microservices only; the coffee shop comes up in one
 * release; bad values never reach the cluster.
 */
class ServiceChartsIT {

  private static final String TEAM = "team-checkout";

  private static InstalledPlatform platform;
  private static KubernetesClient admin;
  private static RunningOperator operator;

  @BeforeAll
  static void start() {
    platform = InstalledPlatform.get();
    admin = platform.cluster.admin();
    operator = platform.startOperator(platform.shop + "," + platform.coffee, Map.of());
    // A service team holds rights to Microservices in its namespace, and to the Secrets in which
    // Helm keeps its releases: nothing else. If the chart rendered anything more, installing
    // it as the team would be forbidden.
    admin
        .rbac()
        .roles()
        .inNamespace(platform.shop)
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("service-team")
                .endMetadata()
                .addNewRule()
                .withApiGroups("gantry.dev")
                .withResources("microservices")
                .withVerbs("get", "list", "watch", "create", "update", "patch", "delete")
                .endRule()
                .addNewRule()
                .withApiGroups("")
                .withResources("secrets")
                .withVerbs("get", "list", "watch", "create", "update", "patch", "delete")
                .endRule()
                .build())
        .create();
    admin
        .rbac()
        .roleBindings()
        .inNamespace(platform.shop)
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName("service-team")
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("Role")
                .withName("service-team")
                .endRoleRef()
                .addNewSubject()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("User")
                .withName(TEAM)
                .endSubject()
                .build())
        .create();
  }

  @AfterAll
  static void stop() {
    operator.close();
  }

  @Test
  void aTeamShipsUpgradesAndRemovesAServiceWithRightsToMicroservicesOnly() {
    Microservices services = new Microservices(platform.cluster, platform.shop);
    asTeam(
        "install",
        "orders",
        Helm.chart("microservice"),
        "-n",
        platform.shop,
        "--set",
        "image=gantry/coffee-order:0.1.0",
        "--set",
        "replicas=2",
        "--set-string",
        "config.order\\.max-items=20");
    assertThat(
            Manifests.parse(platform.helm.ok("get", "manifest", "orders", "-n", platform.shop))
                .summary())
        .containsExactly("Microservice/orders");
    String first =
        services
            .await(
                "orders",
                "healthy",
                s -> s.phase() == Phase.Healthy && Integer.valueOf(2).equals(s.readyReplicas()))
            .stableRevision();
    assertThat(
            admin
                .pods()
                .inNamespace(platform.shop)
                .withLabel("gantry.dev/revision", first)
                .list()
                .getItems())
        .as("pods admitted under restricted and Ready")
        .hasSize(2)
        .allSatisfy(this::assertReady);

    asTeam(
        "upgrade",
        "orders",
        Helm.chart("microservice"),
        "-n",
        platform.shop,
        "--reuse-values",
        "--set",
        "image=gantry/coffee-order:0.2.0");
    var upgraded =
        services.await(
            "orders",
            "the new image is stable",
            s -> s.phase() == Phase.Healthy && !first.equals(s.stableRevision()));
    Deployment current =
        admin
            .apps()
            .deployments()
            .inNamespace(platform.shop)
            .withName("orders-" + upgraded.stableRevision())
            .get();
    assertThat(current.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("gantry/coffee-order:0.2.0");

    asTeam("uninstall", "orders", "-n", platform.shop, "--wait", "--timeout", "1m");
    assertThat(services.get("orders")).isNull();
    await("the Microservice's objects are collected")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                admin
                    .apps()
                    .deployments()
                    .inNamespace(platform.shop)
                    .withLabel("gantry.dev/microservice", "orders")
                    .list()
                    .getItems()
                    .isEmpty());
  }

  @Test
  void badValuesNeverReachTheCluster() {
    var refused =
        platform.helm.run(
            "install",
            "broken",
            Helm.chart("microservice"),
            "-n",
            platform.shop,
            "--set",
            "image=gantry/coffee-order:0.1.0",
            "--set",
            "rollout.strategy=Canary",
            "--set",
            "rollout.canary.steps[0].setWeight=150");
    assertThat(refused.code()).isNotZero();
    assertThat(refused.output())
        .contains("at '/rollout/canary/steps/0/setWeight': maximum: got 150, want 100");
    assertThat(platform.helm.run("status", "broken", "-n", platform.shop).output())
        .contains("release: not found");
    assertThat(
            admin.resources(Microservice.class).inNamespace(platform.shop).withName("broken").get())
        .isNull();
  }

  @Test
  void coffeeShopComesUpInOneRelease() {
    platform.helm.ok("install", "coffee-shop", Helm.chart("coffee-shop"), "-n", platform.coffee);
    Microservices services = new Microservices(platform.cluster, platform.coffee);
    for (String name : List.of("member", "order", "barista", "notification")) {
      services.await(name, "healthy", Duration.ofSeconds(90), s -> s.phase() == Phase.Healthy);
    }
    List<Pod> pods =
        admin
            .pods()
            .inNamespace(platform.coffee)
            .withLabel("gantry.dev/microservice")
            .list()
            .getItems();
    assertThat(pods)
        .as("2 member + 2 order + 1 barista + 2 notification, admitted under restricted")
        .hasSize(7)
        .allSatisfy(this::assertReady);
    assertThat(pods)
        .allSatisfy(
            pod ->
                assertThat(pod.getSpec().getServiceAccountName())
                    .isEqualTo(pod.getMetadata().getLabels().get("gantry.dev/microservice")));

    assertEachServiceHasItsOwnDatabaseThatAnUpgradeKeeps();

    ConfigMap topics =
        admin.configMaps().inNamespace(platform.coffee).withName("coffee-shop-kafka-topics").get();
    assertThat(topics.getData()).containsKeys("topics.yaml", "services.yaml");
    assertThat(topics.getData().get("topics.yaml"))
        .contains("name: order-placed")
        .contains("consumers: [barista]");

    // order calls member, barista and notification fetch member's token keys (their dependsOn):
    // member admits exactly those three; order and barista admit no service.
    String namespace = platform.coffee;
    await("member admits its callers")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(principals("member"))
                    .containsExactly(
                        "cluster.local/ns/" + namespace + "/sa/barista",
                        "cluster.local/ns/" + namespace + "/sa/notification",
                        "cluster.local/ns/" + namespace + "/sa/order"));
    assertThat(principals("order")).isEmpty();
    assertThat(principals("barista")).isEmpty();

    assertAnUpgradeReleasesTheShopAsOneGroup(services);
  }

  /**
   * With releaseGroup.enabled, an upgrade that changes member and order releases both in one
   * ReleaseGroup: member (the provider) takes each weight before order does, and both are promoted
   * in the group's release.
   */
  private void assertAnUpgradeReleasesTheShopAsOneGroup(Microservices services) {
    Map<String, String> before = new HashMap<>();
    for (String name : List.of("member", "order")) {
      before.put(name, services.get(name).getStatus().stableRevision());
    }
    String[] inOneGroup = {
      "--set",
      "releaseGroup.enabled=true,releaseGroup.gatherSeconds=2",
      "--set-json",
      "releaseGroup.steps=[{\"setWeight\":40}]"
    };
    // The group first; then the upgrade it releases as one.
    platform.helm.ok(
        Stream.concat(
                Stream.of(
                    "upgrade", "coffee-shop", Helm.chart("coffee-shop"), "-n", platform.coffee),
                Stream.of(inOneGroup))
            .toArray(String[]::new));
    try (var weights = services.recordAllWeights()) {
      platform.helm.ok(
          Stream.concat(
                  Stream.of(
                      "upgrade", "coffee-shop", Helm.chart("coffee-shop"), "-n", platform.coffee),
                  Stream.concat(
                      Stream.of(inOneGroup),
                      Stream.of(
                          "--set",
                          "member.image=gantry/coffee-member:0.1.1,order.image=gantry/coffee-order:0.1.1")))
              .toArray(String[]::new));
      ReleaseGroup group =
          await("the coffee-shop group released member and order")
              .atMost(Duration.ofSeconds(120))
              .until(
                  () ->
                      admin
                          .resources(ReleaseGroup.class)
                          .inNamespace(platform.coffee)
                          .withName("coffee-shop")
                          .get(),
                  g ->
                      g != null
                          && g.getStatus() != null
                          && g.getStatus().phase() == GroupPhase.Healthy
                          && Integer.valueOf(1).equals(g.getStatus().release()));
      assertThat(group.getStatus().members())
          .extracting(MemberRelease::name, MemberRelease::previousRevision)
          .contains(
              org.assertj.core.groups.Tuple.tuple("member", before.get("member")),
              org.assertj.core.groups.Tuple.tuple("order", before.get("order")));
      for (String name : List.of("member", "order")) {
        assertThat(services.get(name).getStatus().stableRevision())
            .as(name)
            .isNotEqualTo(before.get(name));
      }
      assertThat(weights.trail()).containsSubsequence("member@40", "order@40");
    }
  }

  /**
   * Each Microservice reads its datasource from a Service and Secret the release created, the
   * database keeps its data on a volume claim, and an upgrade keeps the generated password (the
   * database was initialised with it).
   */
  private void assertEachServiceHasItsOwnDatabaseThatAnUpgradeKeeps() {
    String namespace = platform.coffee;
    Map<String, String> passwords = new HashMap<>();
    for (String service : List.of("member", "order", "barista", "notification")) {
      var env =
          admin
              .resources(Microservice.class)
              .inNamespace(namespace)
              .withName(service)
              .get()
              .getSpec()
              .env();
      assertThat(env)
          .anySatisfy(
              e -> {
                assertThat(e.name()).isEqualTo("DATASOURCES_DEFAULT_URL");
                assertThat(e.value())
                    .isEqualTo("jdbc:postgresql://" + service + "-postgres-rw:5432/" + service);
              });
      assertThat(admin.services().inNamespace(namespace).withName(service + "-postgres-rw").get())
          .isNotNull();
      StatefulSet database =
          admin.apps().statefulSets().inNamespace(namespace).withName(service + "-postgres").get();
      assertThat(database.getSpec().getVolumeClaimTemplates())
          .extracting(claim -> claim.getMetadata().getName())
          .containsExactly("data");
      Secret credentials =
          admin.secrets().inNamespace(namespace).withName(service + "-postgres-app").get();
      assertThat(credentials.getData()).containsKeys("username", "password");
      passwords.put(service, credentials.getData().get("password"));
    }
    platform.helm.ok("upgrade", "coffee-shop", Helm.chart("coffee-shop"), "-n", namespace);
    passwords.forEach(
        (service, password) ->
            assertThat(
                    admin
                        .secrets()
                        .inNamespace(namespace)
                        .withName(service + "-postgres-app")
                        .get()
                        .getData()
                        .get("password"))
                .as("%s's database password after an upgrade", service)
                .isEqualTo(password));
  }

  private void assertReady(Pod pod) {
    assertThat(pod.getStatus().getConditions())
        .as(pod.getMetadata().getName())
        .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Ready=True"));
  }

  /** The workload identities a Microservice's AuthorizationPolicy admits. */
  private static Set<String> principals(String name) {
    AuthorizationPolicy policy =
        admin
            .resources(AuthorizationPolicy.class)
            .inNamespace(platform.coffee)
            .withName(name)
            .get();
    assertThat(policy).as("AuthorizationPolicy %s", name).isNotNull();
    Set<String> principals = new TreeSet<>();
    policy
        .getSpec()
        .getRules()
        .forEach(
            rule ->
                rule.getFrom()
                    .forEach(
                        from -> {
                          if (from.getSource().getPrincipals() != null) {
                            principals.addAll(from.getSource().getPrincipals());
                          }
                        }));
    return principals;
  }

  private static void asTeam(String... args) {
    String[] full = new String[args.length + 2];
    System.arraycopy(args, 0, full, 0, args.length);
    full[args.length] = "--kube-as-user";
    full[args.length + 1] = TEAM;
    platform.helm.ok(full);
  }
}
