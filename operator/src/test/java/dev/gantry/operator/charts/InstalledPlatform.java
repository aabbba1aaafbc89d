package dev.gantry.operator.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.testing.Helm;
import dev.gantry.operator.testing.LocalCluster;
import dev.gantry.operator.testing.RunningOperator;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * A cluster of its own with Gantry installed the way a platform engineer installs it: Istio's and
 * Prometheus-Operator's CRDs present, then {@code helm install} of the operator chart into a
 * restricted namespace, watching three restricted namespaces the chart tests use. Nothing of Gantry
 * is in the cluster but what the chart put there (the control plane's start-up copy of crds/ is
 * removed first). Started once per test JVM.
 */
final class InstalledPlatform {

  static final String RELEASE = "gantry";
  static final String SERVICE_ACCOUNT = "gantry-operator";

  private static InstalledPlatform installed;

  final LocalCluster cluster;
  final Helm helm;

  /** Where the operator chart is installed. */
  final String operatorNamespace;

  /** For the operator's canary rollout; for the microservice chart; for the coffee-shop chart. */
  final String apps;

  final String shop;
  final String coffee;

  /** Restricted like the others, but not watched: the operator has no rights there. */
  final String unwatched;

  /**
   * A service team's namespace, granted team.example.com and old.example.com; and another team's,
   * granted pay.example.com.
   */
  final String team;

  final String victim;

  private InstalledPlatform() {
    cluster = LocalCluster.dedicated("charts");
    helm = Helm.against(cluster);
    cluster.installThirdPartyCrds();
    // The control plane starts with crds/ applied; the chart must bring all of it itself.
    cluster.kubectl(
        "delete",
        "--wait=true",
        "--ignore-not-found",
        "-f",
        LocalCluster.repoRoot().resolve("crds").toString());
    Awaitility.await("Gantry's CRDs are gone")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                cluster
                        .admin()
                        .apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName("microservices.gantry.dev")
                        .get()
                    == null);
    operatorNamespace = cluster.createNamespace("gantry-system");
    apps = cluster.createNamespace("apps");
    shop = cluster.createNamespace("shop");
    coffee = cluster.createNamespace("coffee");
    unwatched = cluster.createNamespace("other");
    team = cluster.createNamespace("team");
    victim = cluster.createNamespace("victim");
    helm.ok(
        "install",
        RELEASE,
        Helm.chart("gantry-operator"),
        "-n",
        operatorNamespace,
        "--set",
        "watchNamespaces={" + String.join(",", List.of(apps, shop, coffee, team, victim)) + "}",
        "--set-json",
        "allowedDomains=["
            + grant("shop.example.com", apps)
            + ","
            + grant("team.example.com", team)
            + ","
            + grant("old.example.com", team)
            + ","
            + grant("pay.example.com", victim)
            + "]",
        // The coffee shop's topics, for the namespace it is installed in.
        "--set-json",
        "kafkaTopics=["
            + String.join(
                ",",
                List.of("order-placed", "order-status", "order-placed.DLT", "order-status.DLT")
                    .stream()
                    .map(topic -> topicGrant(topic, coffee))
                    .toList())
            + "]",
        "--wait",
        "--timeout",
        "3m");
  }

  private static String grant(String domain, String namespace) {
    return "{\"domain\":\"" + domain + "\",\"namespaces\":[\"" + namespace + "\"]}";
  }

  private static String topicGrant(String topic, String namespace) {
    return "{\"topic\":\"" + topic + "\",\"namespaces\":[\"" + namespace + "\"]}";
  }

  static synchronized InstalledPlatform get() {
    if (installed == null) {
      installed = new InstalledPlatform();
    }
    return installed;
  }

  /** The operator's identity as the API server sees it. */
  String serviceAccountUser() {
    return "system:serviceaccount:" + operatorNamespace + ":" + SERVICE_ACCOUNT;
  }

  /**
   * A client holding a token of the chart's ServiceAccount (TokenRequest), as the operator's pod
   * would: the operator gets exactly the rights the chart grants.
   */
  KubernetesClient serviceAccountClient() {
    TokenRequest request =
        cluster
            .admin()
            .serviceAccounts()
            .inNamespace(operatorNamespace)
            .withName(SERVICE_ACCOUNT)
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build());
    String token = request.getStatus().getToken();
    assertThat(token).isNotBlank();
    Config admin = cluster.admin().getConfiguration();
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(admin.getMasterUrl())
            .withCaCertFile(admin.getCaCertFile())
            .withCaCertData(admin.getCaCertData())
            .withOauthToken(token)
            .withRequestTimeout(30_000)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /**
   * The environment of the installed operator Deployment's container, with the downward API
   * resolved as the kubelet would, then {@code overrides} (a test's own port, namespace, TTL).
   */
  Map<String, String> operatorEnvironment(Map<String, String> overrides) {
    Deployment deployment =
        cluster
            .admin()
            .apps()
            .deployments()
            .inNamespace(operatorNamespace)
            .withName("gantry-operator")
            .get();
    Map<String, String> env = new HashMap<>();
    for (EnvVar var :
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
      if (var.getValue() != null) {
        env.put(var.getName(), var.getValue());
      } else if (var.getValueFrom() != null && var.getValueFrom().getFieldRef() != null) {
        String field = var.getValueFrom().getFieldRef().getFieldPath();
        env.put(
            var.getName(),
            switch (field) {
              case "metadata.namespace" -> operatorNamespace;
              case "metadata.name" -> "gantry-operator-in-test";
              default -> throw new IllegalStateException("unexpected downward API field " + field);
            });
      }
    }
    env.putAll(overrides);
    return env;
  }

  /**
   * The operator, in this JVM, as the chart's ServiceAccount with the chart's settings, watching
   * {@code namespaces} (comma-separated).
   */
  RunningOperator startOperator(String namespaces, Map<String, String> overrides) {
    Map<String, String> settings =
        new HashMap<>(Map.of("GANTRY_WATCH_NAMESPACES", namespaces, "GANTRY_METRICS_PORT", "0"));
    settings.putAll(overrides);
    return RunningOperator.startWith(
        serviceAccountClient(), namespaces, operatorEnvironment(settings));
  }
}
