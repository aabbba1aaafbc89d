package dev.gantry.operator.tenancy;

import static dev.gantry.operator.Fixtures.microservice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.operator.api.HostNames;
import dev.gantry.operator.tenancy.TenantPolicy.SecretReferences;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What a team may route, bind and read, decided by the platform's settings. */
class SpecReviewTest {

  private static final TenantPolicy POLICY =
      new TenantPolicy(
          TenantPolicy.parseDomains(
              "shop.example.com=shop;pay.example.com=payments;shared.example.org=*"),
          Set.of("istio-system/gantry-gateway", "shop/own-gateway"),
          SecretReferences.Prefixed,
          Duration.ofSeconds(10),
          "namespace",
          TenantPolicy.parseTopics(
              "order-placed=shop,kitchen;order-status=kitchen;payments.*=shop;audit.*=*"));

  /**
   * Host names as the API server and the operator both judge them, whatever the platform allows.
   */
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "external name                           | shop.example.com                    | true",
        "subdomain                               | api.shop.example.com                | true",
        "single label (a short in-cluster name)  | order                               | false",
        "wildcard                                | *.example.com                       | false",
        "bare wildcard                           | *                                   | false",
        "another namespace service               | pay.payments.svc.cluster.local      | false",
        "another namespace service (short)       | pay.payments.svc                    | false",
        "custom cluster domain                   | pay.payments.svc.corp.example       | false",
        "pod DNS name                            | 10-0-0-1.payments.pod.cluster.local | false",
        "anything under .local                   | printer.local                       | false",
        "cluster.local itself                    | cluster.local                       | false",
        "upper case                              | Shop.Example.com                    | false",
        "trailing dot                            | shop.example.com.                   | false",
        "svc as an ordinary first label          | svc.example.com                     | true",
      })
  void hostNames(String description, String host, boolean wellFormed) {
    assertThat(HostNames.wellFormed(host)).as(description).isEqualTo(wellFormed);
  }

  static Stream<Arguments> hosts() {
    return Stream.of(
        Arguments.of("the namespace's domain", "shop", "shop.example.com", true),
        Arguments.of("a subdomain of it", "shop", "api.shop.example.com", true),
        Arguments.of("a domain granted to every namespace", "shop", "www.shared.example.org", true),
        Arguments.of("another namespace's domain", "shop", "pay.example.com", false),
        Arguments.of(
            "a name that only ends like the domain", "shop", "evilshop.example.com", false),
        Arguments.of("the parent of the domain", "shop", "example.com", false),
        Arguments.of("an ungranted domain", "payments", "shop.example.com", false),
        Arguments.of(
            "an in-cluster name inside a granted domain's text",
            "shop",
            "x.y.svc.shop.example.com",
            false));
  }

  @ParameterizedTest(name = "{0}: {2} in {1}")
  @MethodSource
  void hosts(String description, String namespace, String host, boolean allowed) {
    var ms =
        microservice(
            namespace, "web", "image: a\ntraffic: {hosts: [" + host + ", shared.example.org]}");
    SpecReview.Result result = SpecReview.review(ms, POLICY);
    assertThat(result.admitted().traffic().hosts())
        .as(description)
        .isEqualTo(allowed ? List.of(host, "shared.example.org") : List.of("shared.example.org"));
    assertThat(result.violations()).as(description).hasSize(allowed ? 0 : 1);
    assertThat(result.blocked()).as("hosts are left out, never block").isFalse();
    if (!allowed) {
      Violation v = result.violations().get(0);
      assertThat(v.field()).isEqualTo("spec.traffic.hosts[0]");
      assertThat(v.reason()).isEqualTo(Violation.HOST_NOT_ALLOWED);
      assertThat(v.message()).contains(host).contains("namespace " + namespace);
    }
  }

  @Test
  void previewHostsFollowTheSameRules() {
    var ms =
        microservice(
            "shop",
            "web",
            """
        image: a
        rollout: {strategy: BlueGreen, blueGreen: {previewHosts: [preview.shop.example.com, preview.pay.example.com]}}
        """);
    SpecReview.Result result = SpecReview.review(ms, POLICY);
    assertThat(result.admitted().rollout().blueGreen().previewHosts())
        .containsExactly("preview.shop.example.com");
    assertThat(result.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("spec.rollout.blueGreen.previewHosts[1]");
              assertThat(v.message()).contains("(shared.example.org, shop.example.com)");
            });
  }

  @Test
  void withoutGrantsNoPublicHostIsRouted() {
    var ms = microservice("shop", "web", "image: a\ntraffic: {hosts: [shop.example.com]}");
    SpecReview.Result result = SpecReview.review(ms, TenantPolicy.DEFAULT);
    assertThat(result.admitted().traffic().hosts()).isEmpty();
    assertThat(result.violations())
        .singleElement()
        .satisfies(v -> assertThat(v.message()).endsWith("(it allows none)"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "the platform gateway                      | istio-system/gantry-gateway | true",
        "a listed gateway in the own namespace     | own-gateway                 | true",
        "the same, qualified                       | shop/own-gateway            | true",
        "the mesh keyword                          | mesh                        | true",
        "another namespace gateway                 | payments/pay-gateway        | false",
        "an unlisted gateway of the own namespace  | other-gateway               | false",
      })
  void gateways(String description, String gateway, boolean allowed) {
    var ms = microservice("shop", "web", "image: a\ntraffic: {gateways: [" + gateway + "]}");
    SpecReview.Result result = SpecReview.review(ms, POLICY);
    assertThat(result.admitted().traffic().gateways()).as(description).hasSize(allowed ? 1 : 0);
    assertThat(result.violations())
        .as(description)
        .hasSize(allowed ? 0 : 1)
        .allSatisfy(v -> assertThat(v.reason()).isEqualTo(Violation.GATEWAY_NOT_ALLOWED));
  }

  @ParameterizedTest(name = "{0} under {1}")
  @CsvSource({
    "web-db,      Prefixed,  true",
    "webdb,       Prefixed,  false",
    "platform-ca, Prefixed,  false",
    "platform-ca, Namespace, true",
    "web-db,      None,      false",
  })
  void secretReferences(String secret, SecretReferences mode, boolean allowed) {
    var ms =
        microservice(
            "shop",
            "web",
            """
        image: a
        env:
        - {name: PLAIN, value: x}
        - {name: PASSWORD, valueFrom: {secretKeyRef: {name: %s, key: password}}}
        - {name: FROM_CONFIG, valueFrom: {configMapKeyRef: {name: anything, key: k}}}
        """
                .formatted(secret));
    var policy =
        new TenantPolicy(List.of(), Set.of(), mode, Duration.ofSeconds(10), "namespace", List.of());
    SpecReview.Result result = SpecReview.review(ms, policy);
    assertThat(result.blocked()).isEqualTo(!allowed);
    assertThat(result.violations())
        .hasSize(allowed ? 0 : 1)
        .allSatisfy(
            v -> {
              assertThat(v.field()).isEqualTo("spec.env[1].valueFrom.secretKeyRef.name");
              assertThat(v.reason()).isEqualTo(Violation.SECRET_NOT_ALLOWED);
              assertThat(v.blocking()).isTrue();
            });
  }

  @ParameterizedTest(name = "interval {0} → {1}")
  @CsvSource({"1s, 10s", "9500ms, 10s", "10s, 10s", "1m, 1m"})
  void analysisIsNoMoreFrequentThanThePlatformAllows(String requested, String admitted) {
    var ms =
        microservice(
            "shop",
            "web",
            """
        image: a
        rollout:
          strategy: Canary
          canary:
            steps: [{setWeight: 10}]
            analysis: {interval: %s, metrics: [{name: request-success-rate, thresholdRange: {min: 99}}]}
        """
                .formatted(requested));
    SpecReview.Result result = SpecReview.review(ms, POLICY);
    assertThat(result.admitted().rollout().canary().analysis().interval()).isEqualTo(admitted);
    assertThat(result.violations()).isEmpty();
  }

  @Test
  void aQueryThatCannotReadOnlyItsNamespaceIsSaidAtOnce() {
    var ms =
        microservice(
            "shop",
            "web",
            """
        image: a
        rollout:
          strategy: Canary
          canary:
            steps: [{setWeight: 10}]
            analysis:
              metrics:
              - {name: own, query: 'sum(up{job="web"})', thresholdRange: {min: 1}}
              - {name: theirs, query: 'sum(up{namespace="payments"})', thresholdRange: {min: 1}}
        """);
    SpecReview.Result result = SpecReview.review(ms, POLICY);
    assertThat(result.blocked()).isFalse();
    assertThat(result.violations())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("spec.rollout.canary.analysis.metrics[1].query");
              assertThat(v.reason()).isEqualTo(Violation.QUERY_NOT_CONFINED);
              assertThat(v.message()).contains("namespace \"shop\"");
            });
  }

  @Test
  void malformedGrantsNameTheEntry() {
    assertThatThrownBy(() -> TenantPolicy.parseDomains("shop.example.com"))
        .hasMessageContaining("'shop.example.com': expected <domain>=");
    assertThatThrownBy(() -> TenantPolicy.parseDomains("*.example.com=shop"))
        .hasMessageContaining("not an external DNS domain");
    assertThatThrownBy(() -> TenantPolicy.parseDomains("example.com= ,"))
        .hasMessageContaining("names no namespace");
  }

  static Stream<Arguments> topics() {
    return Stream.of(
        Arguments.of("a topic granted to the namespace", "shop", "order-placed", true),
        Arguments.of(
            "the same topic, another namespace granted it", "kitchen", "order-placed", true),
        Arguments.of("a topic granted to another namespace only", "shop", "order-status", false),
        Arguments.of(
            "a topic under a prefix granted to the namespace", "shop", "payments.done", true),
        Arguments.of("the same prefix, not granted", "kitchen", "payments.done", false),
        Arguments.of("a prefix granted to every namespace", "kitchen", "audit.orders", true),
        Arguments.of("the namespace's own topics", "kitchen", "kitchen.tickets", true),
        Arguments.of("another namespace's own topics", "kitchen", "shop.carts", false),
        Arguments.of(
            "a namespace whose name starts like another's", "shop", "shopping.carts", false),
        Arguments.of(
            "a name that only starts like a granted topic", "shop", "order-placed2", false),
        Arguments.of("a granted prefix without its dot", "shop", "payments", false),
        Arguments.of("an ungranted topic", "shop", "anything", false));
  }

  @ParameterizedTest(name = "{0}: {2} in {1}")
  @MethodSource
  void topics(String description, String namespace, String topic, boolean allowed) {
    var ms =
        microservice(
            namespace,
            "web",
            "image: a\nkafka: {produces: [audit.web, %s], consumes: [%s, %s.in]}"
                .formatted(topic, topic, namespace));
    SpecReview.Result result = SpecReview.review(ms, POLICY);
    assertThat(result.admitted().kafka().produces())
        .as(description)
        .isEqualTo(allowed ? List.of("audit.web", topic) : List.of("audit.web"));
    assertThat(result.admitted().kafka().consumes())
        .as(description)
        .isEqualTo(allowed ? List.of(topic, namespace + ".in") : List.of(namespace + ".in"));
    assertThat(result.blocked()).as("topics are left out, never block").isFalse();
    if (!allowed) {
      assertThat(result.violations())
          .extracting(Violation::field)
          .containsExactly("spec.kafka.produces[1]", "spec.kafka.consumes[0]");
      assertThat(result.violations())
          .allSatisfy(
              v -> {
                assertThat(v.reason()).isEqualTo(Violation.TOPIC_NOT_ALLOWED);
                assertThat(v.message())
                    .contains("topic " + topic)
                    .contains("namespace " + namespace)
                    .contains("(" + namespace + ".*, ");
              });
    } else {
      assertThat(result.violations()).as(description).isEmpty();
    }
  }

  @Test
  void withoutGrantsATeamUsesOnlyItsNamespacesTopics() {
    var ms =
        microservice(
            "shop",
            "web",
            "image: a\nkafka: {produces: [shop.orders, order-placed], bootstrapServers: k:9092}");
    SpecReview.Result result = SpecReview.review(ms, TenantPolicy.DEFAULT);
    assertThat(result.admitted().kafka().produces()).containsExactly("shop.orders");
    assertThat(result.admitted().kafka().bootstrapServers()).isEqualTo("k:9092");
    assertThat(result.violations())
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.message())
                    .isEqualTo(
                        "Kafka topic order-placed is not one the platform allows namespace shop"
                            + " to use (shop.*), so the service gets no access to it"));
  }

  @Test
  void aServiceWithoutKafkaStaysWithoutIt() {
    var ms = microservice("shop", "web", "image: a");
    assertThat(SpecReview.review(ms, POLICY).admitted().kafka()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "no namespaces                  | order-placed                | 'order-placed': expected <topic>=",
        "a star inside the name         | order-*-placed=shop         | 'order-*-placed' is neither a Kafka topic",
        "a space in the name            | order placed=shop           | 'order placed' is neither a Kafka topic",
        "a name too long                | %s=shop                     | is neither a Kafka topic",
        "no topic                       | =shop                       | '' is neither a Kafka topic",
        "an empty namespace list        | order-placed= ,             | 'order-placed' names no namespace",
        "a namespace that is not a name | order-placed=Shop           | 'order-placed': 'Shop' is not a namespace name",
        "a namespace with a wildcard    | order-placed=team-*         | 'order-placed': 'team-*' is not a namespace name",
        "one bad entry among good ones  | a=shop;b;c=*                | 'b': expected <topic>=",
      })
  void malformedTopicGrantsNameTheEntry(String description, String text, String message) {
    assertThatThrownBy(() -> TenantPolicy.parseTopics(text.formatted("t".repeat(250))))
        .as(description)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void topicGrantsReadAsWritten() {
    assertThat(TenantPolicy.parseTopics(" order-placed = shop , kitchen ;audit.*=*;;*=ops"))
        .containsExactly(
            new TenantPolicy.TopicGrant("order-placed", Set.of("shop", "kitchen")),
            new TenantPolicy.TopicGrant("audit.*", Set.of("*")),
            new TenantPolicy.TopicGrant("*", Set.of("ops")));
  }

  @Test
  void routesAreExportedToTheirNamespaceAndTheirGatewaysNamespacesOnly() {
    assertThat(Gateways.exportTo(List.of(), "shop")).containsExactly(".");
    assertThat(
            Gateways.exportTo(
                List.of("istio-system/gantry-gateway", "own", "mesh", "shop/other"), "shop"))
        .containsExactly(".", "istio-system");
  }
}
