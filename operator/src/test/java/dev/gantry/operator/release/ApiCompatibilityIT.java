package dev.gantry.operator.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.api.ApiStatus;
import dev.gantry.operator.api.HistoryEntry;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.rollout.Conditions;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.Microservices;
import dev.gantry.operator.testing.RunningOperator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API-compatibility gate on a real control plane: a release that breaks a declared consumer's
 * operation or event never gets a replica or a request, and the status, the CLI and an Event say
 * what it breaks for whom; compatible releases go through; a release manager can let one through.
 */
class ApiCompatibilityIT {

  private static final String MEMBER_V1 =
      """
      openapi: 3.0.1
      info: {title: member, version: "1"}
      paths:
        /members/{id}:
          get:
            responses:
              "200":
                description: a member
                content:
                  application/json:
                    schema: {type: object, properties: {id: {type: string}, name: {type: string}}}
        /members:
          post:
            responses: {"201": {description: created}}
      """;
  private static final String ORDER_PLACED_V1 =
      "{\"type\": \"object\", \"required\": [\"orderId\", \"status\"], \"properties\":"
          + " {\"orderId\": {\"type\": \"integer\"}, \"status\": {\"type\": \"string\", \"enum\":"
          + " [\"PLACED\", \"PAID\"]}}}";

  private static LocalCluster cluster;
  private static Microservices services;
  private static RunningOperator operator;

  @BeforeAll
  static void start() {
    cluster = LocalCluster.shared();
    services = new Microservices(cluster, cluster.createNamespace("api-gate"));
    operator = RunningOperator.start(cluster, services.namespace(), Map.of());
  }

  @AfterAll
  static void stop() {
    operator.close();
  }

  @Test
  void aProviderReleaseThatRemovesAnOperationAConsumerUsesIsHeldUntilAccepted() {
    document("member-api", "openapi.yaml", MEMBER_V1);
    services.create("member", provider("member", "1", "member-api"));
    services.create("order", consumer("order", "1", "member", "GET /members/{id}"));
    String stable = awaitHealthy("member").stableRevision();
    awaitHealthy("order");

    document(
        "member-api",
        "openapi.yaml",
        MEMBER_V1.replace("  /members/{id}:\n    get:", "  /members/{id}:\n    delete:"));
    MicroserviceStatus held = awaitHeld("member");
    assertThat(held.stableRevision()).isEqualTo(stable);
    assertThat(held.canaryWeight()).isZero();
    assertThat(held.api().breaking())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.operation()).isEqualTo("GET /members/{id}");
              assertThat(c.change()).isEqualTo("removed");
              assertThat(c.consumers()).containsExactly("order");
            });
    assertThat(held.condition(Conditions.API_COMPATIBLE).orElseThrow().getReason())
        .isEqualTo("BreakingChange");
    Deployment canary = deployment("member-" + held.canaryRevision());
    assertThat(canary == null ? 0 : canary.getSpec().getReplicas())
        .as("the held revision runs no pod, so nothing can send it a request")
        .isZero();
    cluster.awaitEvent(services.namespace(), "member", "BreakingChange");

    var status = services.gantry("status", "member");
    assertThat(status.out()).contains("API breaks GET /members/{id}: removed  (used by order)");
    var diff = services.gantry("api-diff", "member");
    assertThat(diff.code()).isEqualTo(1);
    assertThat(diff.out())
        .contains("Breaking (gate Holding)")
        .contains("BREAKS   GET /members/{id}: removed  (used by order)")
        .contains("ok       DELETE /members/{id}: added");

    var accepted =
        services.gantry(
            "accept-breaking-change", "member", "--reason", "order moves to v2 this week");
    assertThat(accepted.code()).as(accepted.err()).isZero();
    MicroserviceStatus promoted =
        services.await(
            "member",
            "promoted after acceptance",
            s -> s.phase() == Phase.Healthy && held.canaryRevision().equals(s.stableRevision()));
    HistoryEntry entry = promoted.history().get(promoted.history().size() - 1);
    assertThat(entry.action()).isEqualTo("AcceptBreakingChange");
    assertThat(entry.reason()).isEqualTo("order moves to v2 this week");
    assertThat(entry.user()).isNotBlank();
    assertThat(
            cluster
                .admin()
                .configMaps()
                .inNamespace(services.namespace())
                .withName("member-api")
                .get())
        .as("the team's document is read, never touched")
        .isNotNull();
  }

  @Test
  void anAdditiveReleaseProceeds() {
    document("ledger-api", "openapi.yaml", MEMBER_V1);
    services.create("ledger", provider("ledger", "1", "ledger-api"));
    services.create("till", consumer("till", "1", "ledger", "GET /members/{id}"));
    String stable = awaitHealthy("ledger").stableRevision();
    document(
        "ledger-api",
        "openapi.yaml",
        MEMBER_V1
            + "  /members/{id}/tier:\n    get:\n      responses: {\"200\": {description: ok}}\n");
    MicroserviceStatus after =
        services.await(
            "ledger",
            "the additive release is promoted",
            s -> s.phase() == Phase.Healthy && !stable.equals(s.stableRevision()));
    assertThat(after.api().verdict()).isEqualTo(ApiStatus.COMPATIBLE);
    assertThat(after.condition(Conditions.API_COMPATIBLE).orElseThrow().getStatus())
        .isEqualTo("True");
  }

  @Test
  void aConsumerThatStartsToUseAnOperationItsProviderDoesNotServeIsHeld() {
    document("desk-api", "openapi.yaml", MEMBER_V1);
    services.create("desk", provider("desk", "1", "desk-api"));
    services.create("kiosk", consumer("kiosk", "1", "desk", "GET /members/{id}"));
    awaitHealthy("desk");
    String stable = awaitHealthy("kiosk").stableRevision();
    services.edit("kiosk", consumer("kiosk", "2", "desk", "GET /members/{id}/tier"));
    MicroserviceStatus held = awaitHeld("kiosk");
    assertThat(held.stableRevision()).isEqualTo(stable);
    assertThat(held.message())
        .contains(
            "GET /members/{id}/tier (kiosk now uses GET /members/{id}/tier, which desk's stable"
                + " revision");
  }

  @Test
  void anEventSchemaThatNarrowsAConsumedTopicIsHeld() {
    document("cart-events", "order-placed.json", ORDER_PLACED_V1);
    services.create("cart", producer("cart", "1"));
    services.create(
        "packer", "image: shop/packer:1\nreplicas: 1\nkafka: {consumes: [order-placed]}\n");
    awaitHealthy("cart");
    document("cart-events", "order-placed.json", ORDER_PLACED_V1.replace(", \"PAID\"", ""));
    MicroserviceStatus held = awaitHeld("cart");
    assertThat(held.api().breaking())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.topic()).isEqualTo("order-placed");
              assertThat(c.change()).isEqualTo("status: enum narrowed: [PAID] removed");
              assertThat(c.consumers()).containsExactly("packer");
            });
  }

  @Test
  void onBreakingChangeAllowProceedsWithAWarning() {
    document("pantry-api", "openapi.yaml", MEMBER_V1);
    services.create(
        "pantry", provider("pantry", "1", "pantry-api") + "  onBreakingChange: Allow\n");
    services.create("chef", consumer("chef", "1", "pantry", "POST /members"));
    String stable = awaitHealthy("pantry").stableRevision();
    document("pantry-api", "openapi.yaml", MEMBER_V1.replace("    post:", "    put:"));
    MicroserviceStatus after =
        services.await(
            "pantry",
            "promoted although breaking",
            s -> s.phase() == Phase.Healthy && !stable.equals(s.stableRevision()));
    assertThat(after.stableRevision()).isNotEqualTo(stable);
    // The status re-judges the promoted revision against itself at the next reconciliation, so
    // the lasting record that the gate let a breaking change through is the Event.
    cluster.awaitEvent(services.namespace(), "pantry", "BreakingChangeAllowed");
    assertThat(
            cluster.kubectl(
                "get",
                "events",
                "-n",
                services.namespace(),
                "--field-selector",
                "involvedObject.name=pantry,reason=BreakingChangeAllowed",
                "-o",
                "jsonpath={.items[*].message}"))
        .contains("POST /members")
        .contains("it proceeds: the spec says onBreakingChange: Allow");
  }

  @Test
  void aMalformedDocumentIsUnknownAndHeldNeverASilentPass() {
    document("vault-api", "openapi.yaml", MEMBER_V1);
    services.create("vault", provider("vault", "1", "vault-api"));
    String stable = awaitHealthy("vault").stableRevision();
    document("vault-api", "openapi.yaml", "openapi: [3.0.1\npaths: {");
    MicroserviceStatus held = awaitHeld("vault");
    assertThat(held.stableRevision()).isEqualTo(stable);
    assertThat(held.api().verdict()).isEqualTo(ApiStatus.UNKNOWN);
    var condition = held.condition(Conditions.API_COMPATIBLE).orElseThrow();
    assertThat(condition.getStatus()).isEqualTo("Unknown");
    assertThat(condition.getMessage()).startsWith("the OpenAPI document is not YAML or JSON");
  }

  @Test
  void anUnlabelledConfigMapIsNeverRead() {
    cluster
        .admin()
        .configMaps()
        .inNamespace(services.namespace())
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("secret-ish")
                .endMetadata()
                .withData(Map.of("openapi.yaml", MEMBER_V1))
                .build())
        .create();
    services.create("probe", provider("probe", "1", "secret-ish"));
    MicroserviceStatus status =
        services.await(
            "probe", "judged", s -> s.api() != null && ApiStatus.UNKNOWN.equals(s.api().verdict()));
    assertThat(status.api().reason())
        .isEqualTo(
            "the OpenAPI document: ConfigMap secret-ish does not exist or is not labelled"
                + " gantry.dev/api-document=true");
  }

  /** examples/api-gate does what its README says. */
  @Test
  void theExampleHoldsTheBreakingMemberRelease() {
    Microservices example = new Microservices(cluster, cluster.createNamespace("api-gate-example"));
    RunningOperator exampleOperator = RunningOperator.start(cluster, example.namespace(), Map.of());
    try {
      String dir = LocalCluster.repoRoot().resolve("examples/api-gate").toString();
      cluster.kubectl(
          "apply",
          "-n",
          example.namespace(),
          "-f",
          dir + "/member-openapi-v1.yaml",
          "-f",
          dir + "/microservices.yaml");
      String stable =
          example.await("member", "healthy", s -> s.phase() == Phase.Healthy).stableRevision();
      example.await("order", "healthy", s -> s.phase() == Phase.Healthy);
      cluster.kubectl("apply", "-n", example.namespace(), "-f", dir + "/member-openapi-v2.yaml");
      MicroserviceStatus held =
          example.await(
              "member",
              "held by the API gate",
              s -> s.api() != null && ApiStatus.HOLDING.equals(s.api().gate()));
      assertThat(held.stableRevision()).isEqualTo(stable);
      assertThat(example.gantry("status", "member").out())
          .contains("API breaks GET /members/{id}: removed  (used by order)");
    } finally {
      exampleOperator.close();
    }
  }

  private static String provider(String name, String version, String configMap) {
    return "image: shop/"
        + name
        + ":"
        + version
        + "\nreplicas: 1\napi:\n  openapi: {configMap: "
        + configMap
        + ", key: openapi.yaml}\n";
  }

  private static String consumer(String name, String version, String provider, String operation) {
    return "image: shop/"
        + name
        + ":"
        + version
        + "\nreplicas: 1\ndependsOn: ["
        + provider
        + "]\napi:\n  uses: [{service: "
        + provider
        + ", operations: [\""
        + operation
        + "\"]}]\n";
  }

  private static String producer(String name, String version) {
    return "image: shop/"
        + name
        + ":"
        + version
        + "\nreplicas: 1\nkafka: {produces: [order-placed]}\napi:\n  events:\n    - topic:"
        + " order-placed\n      schema: {configMap: "
        + name
        + "-events, key: order-placed.json}\n";
  }

  private static void document(String name, String key, String text) {
    ConfigMap cm =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(services.namespace())
            .withLabels(Map.of("gantry.dev/api-document", "true"))
            .endMetadata()
            .withData(Map.of(key, text))
            .build();
    cluster.admin().resource(cm).serverSideApply();
  }

  private static MicroserviceStatus awaitHealthy(String name) {
    return services.await(name, "healthy", s -> s.phase() == Phase.Healthy);
  }

  private static MicroserviceStatus awaitHeld(String name) {
    return services.await(
        name,
        "held by the API gate",
        s ->
            s.phase() == Phase.Paused
                && s.api() != null
                && ApiStatus.HOLDING.equals(s.api().gate()));
  }

  private static Deployment deployment(String name) {
    return cluster
        .admin()
        .apps()
        .deployments()
        .inNamespace(services.namespace())
        .withName(name)
        .get();
  }
}
