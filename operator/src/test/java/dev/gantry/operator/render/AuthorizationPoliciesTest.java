package dev.gantry.operator.render;

import static dev.gantry.operator.Fixtures.microservice;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.testing.PolicyRules;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorizationPoliciesTest {

  private static final Platform.MeshSecurity MESH =
      new Platform.MeshSecurity(
          "cluster.local",
          "cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account",
          "monitoring",
          List.of("/health", "/registry", "/openapi"));

  @Test
  void admitsExactlyTheCallersByTheirServiceAccounts() {
    var policy =
        AuthorizationPolicies.desired(
            microservice("member", "image: shop/member:1"), MESH, List.of("order", "barista"));
    assertThat(policy.getSpec().getSelector().getMatchLabels())
        .containsEntry(Labels.MICROSERVICE, "member");
    assertThat(policy.getSpec().getAction().name()).isEqualTo("ALLOW");
    assertThat(policy.getSpec().getRules().get(0).getFrom().get(0).getSource().getPrincipals())
        .containsExactly("cluster.local/ns/shop/sa/barista", "cluster.local/ns/shop/sa/order");
  }

  @Test
  void theIngressGatewayReachesOnlyThePublicPathsAndNeverAManagementPath() {
    var policy =
        AuthorizationPolicies.desired(
            microservice(
                "web",
                """
        image: shop/web:1
        traffic: {hosts: [shop.example.com], publicPaths: [/orders, /orders/*, /*]}
        monitoring: {path: /metrics/app}
        """),
            MESH,
            List.of());
    var gateway = PolicyRules.admitting(policy, MESH.ingressGatewayPrincipal()).orElseThrow();
    var operation = gateway.getTo().get(0).getOperation();
    assertThat(operation.getPaths()).containsExactly("/orders", "/orders/*", "/*");
    assertThat(operation.getNotPaths())
        .containsExactly(
            "/health",
            "/health/*",
            "/metrics/app",
            "/metrics/app/*",
            "/openapi",
            "/openapi/*",
            "/registry",
            "/registry/*");
  }

  @Test
  void aServiceWithoutHostsOrGatewaysAdmitsNoGateway() {
    var policy =
        AuthorizationPolicies.desired(
            microservice(
                "member",
                """
        image: shop/member:1
        traffic: {publicPaths: [/members/*]}
        monitoring: {enabled: false}
        """),
            MESH,
            List.of("order"));
    assertThat(policy.getSpec().getRules())
        .singleElement()
        .satisfies(
            rule ->
                assertThat(rule.getFrom().get(0).getSource().getPrincipals())
                    .containsExactly("cluster.local/ns/shop/sa/order"));
  }

  @Test
  void prometheusMayOnlyGetTheMetricsPath() {
    var policy =
        AuthorizationPolicies.desired(
            microservice(
                "member",
                """
        image: shop/member:1
        monitoring: {path: /metrics}
        """),
            MESH,
            List.of());
    assertThat(policy.getSpec().getRules())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getFrom().get(0).getSource().getNamespaces())
                  .containsExactly("monitoring");
              assertThat(rule.getTo().get(0).getOperation().getPaths()).containsExactly("/metrics");
              assertThat(rule.getTo().get(0).getOperation().getMethods()).containsExactly("GET");
            });
  }

  @Test
  void noCallersNoHostsNoMonitoringAdmitsNobody() {
    var policy =
        AuthorizationPolicies.desired(
            microservice(
                "lonely",
                """
        image: shop/lonely:1
        monitoring: {enabled: false}
        """),
            MESH,
            List.of());
    assertThat(policy.getSpec().getRules()).isNullOrEmpty();
  }

  @Test
  void eachServiceRunsAsItsOwnAccountWithoutAnApiToken() {
    var ms = microservice("member", "image: shop/member:1");
    assertThat(ServiceAccounts.desired(ms).getAutomountServiceAccountToken()).isFalse();
    assertThat(PodTemplates.render(ms, Platform.BARE, "r").getSpec().getServiceAccountName())
        .isEqualTo("member");
  }
}
