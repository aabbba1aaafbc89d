package dev.gantry.operator.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.Phase;
import dev.gantry.operator.api.ReleaseAction;
import dev.gantry.operator.reconcile.Capabilities;
import dev.gantry.operator.testing.Microservices;
import dev.gantry.operator.testing.PolicyRules;
import dev.gantry.operator.testing.RunningOperator;
import dev.gantry.operator.testing.Tools;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator chart installed with {@code helm install} on a real control plane: what it puts in
 * the cluster, its pods admitted under Pod Security {@code restricted}, the rights of its
 * ServiceAccount seen by the API server, and the operator holding exactly those rights reconciling
 * Microservices and rolling out a canary.
 */
class OperatorChartIT {

  private static final String CHECKOUT =
      """
          image: shop/checkout:%s
          replicas: 2
          config: {checkout.currency: EUR}
          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}
          dependsOn: [payments]
          discovery: {enabled: true}
          traffic: {publicPaths: [/checkout, /checkout/*], hosts: [shop.example.com], gateways: [istio-system/gantry-gateway], timeout: 2s}
          rollout:
            strategy: Canary
            canary:
              scaleDownDelaySeconds: 1
              steps: [{setWeight: 50}, {pause: {}}]
          """;

  private static InstalledPlatform platform;
  private static KubernetesClient admin;

  @BeforeAll
  static void install() {
    platform = InstalledPlatform.get();
    admin = platform.cluster.admin();
  }

  @Test
  void chartInstallsTheApiThePolicyAndTheRoles() {
    for (String crd :
        List.of(
            "microservices.gantry.dev", "releaseactions.gantry.dev", "releasegroups.gantry.dev")) {
      var installed = admin.apiextensions().v1().customResourceDefinitions().withName(crd).get();
      assertThat(installed).as(crd).isNotNull();
      assertThat(installed.getStatus().getConditions())
          .anySatisfy(
              c -> {
                assertThat(c.getType()).isEqualTo("Established");
                assertThat(c.getStatus()).isEqualTo("True");
              });
    }
    for (String[] object :
        List.of(
            new String[] {"validatingadmissionpolicy", "gantry-releaseaction-requested-by"},
            new String[] {"validatingadmissionpolicybinding", "gantry-releaseaction-requested-by"},
            new String[] {"clusterrole", "gantry-release-manager"},
            new String[] {"clusterrole", "gantry-operator"},
            new String[] {"clusterrole", "gantry-operator-cluster-reader"},
            new String[] {"validatingadmissionpolicy", "gantry-status-writer"},
            new String[] {"validatingadmissionpolicy", "gantry-microservice-hosts"})) {
      String release =
          platform.cluster.kubectl(
              "get",
              object[0],
              object[1],
              "-o",
              "jsonpath={.metadata.annotations.meta\\.helm\\.sh/release-name}");
      assertThat(release)
          .as("%s %s belongs to the release", object[0], object[1])
          .isEqualTo(InstalledPlatform.RELEASE);
    }
    // Prometheus-Operator's API is served here, so the chart made the operator's ServiceMonitor.
    ServiceMonitor monitor =
        admin
            .resources(ServiceMonitor.class)
            .inNamespace(platform.operatorNamespace)
            .withName("gantry-operator")
            .get();
    assertThat(monitor).isNotNull();
    assertThat(monitor.getSpec().getEndpoints().get(0).getPort()).isEqualTo("metrics");
  }

  @Test
  void operatorPodsAreAdmittedUnderRestrictedAndBecomeReadyOnDifferentNodes() {
    assertThat(
            admin.namespaces().withName(platform.operatorNamespace).get().getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    List<Pod> pods =
        admin
            .pods()
            .inNamespace(platform.operatorNamespace)
            .withLabel("app.kubernetes.io/name", "gantry-operator")
            .list()
            .getItems();
    assertThat(pods).hasSize(2);
    assertThat(pods)
        .allSatisfy(
            pod ->
                assertThat(pod.getStatus().getConditions())
                    .anySatisfy(
                        c ->
                            assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Ready=True")));
    assertThat(pods.stream().map(p -> p.getSpec().getNodeName()).distinct())
        .as("spread over nodes")
        .hasSize(2);
    // Pod Security admission is enforcing here: a pod that is not locked down is refused.
    Pod unconfined =
        Serialization.unmarshal(
            """
        apiVersion: v1
        kind: Pod
        metadata: {name: unconfined}
        spec:
          containers: [{name: c, image: busybox}]
        """,
            Pod.class);
    assertThatThrownBy(
            () ->
                admin.pods().inNamespace(platform.operatorNamespace).resource(unconfined).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("violates PodSecurity \"restricted:latest\"");
  }

  /** The API server's own account of the ServiceAccount's rights, beyond what every account has. */
  @Test
  void serviceAccountHoldsNoWildcardAndNoSecretAccess() {
    ServiceAccount nobody =
        admin
            .serviceAccounts()
            .inNamespace(platform.apps)
            .resource(
                new ServiceAccountBuilder()
                    .withNewMetadata()
                    .withName("nobody")
                    .endMetadata()
                    .build())
            .createOr(existing -> existing.update());
    for (String namespace :
        List.of(platform.apps, platform.operatorNamespace, platform.unwatched)) {
      List<Grant> operator =
          canIList(platform.operatorNamespace, InstalledPlatform.SERVICE_ACCOUNT, namespace);
      List<Grant> baseline = canIList(platform.apps, nobody.getMetadata().getName(), namespace);
      List<Grant> granted = operator.stream().filter(g -> !baseline.contains(g)).toList();
      assertThat(granted)
          .as("what the chart grants, seen in %s", namespace)
          .allSatisfy(
              g -> {
                assertThat(g.toString()).doesNotContain("*");
                assertThat(g.resources()).doesNotStartWith("secrets").doesNotStartWith("pods");
              });
      assertThat(operator)
          .as("everything the account may do in %s", namespace)
          .allSatisfy(
              g -> {
                assertThat(g.resources()).doesNotContain("*").doesNotStartWith("secrets");
                assertThat(g.verbs()).doesNotContain("*");
              });
      assertThat(
              granted.stream().filter(g -> g.resources().startsWith("customresourcedefinitions.")))
          .as("in %s: the optional kinds' definitions, each by name", namespace)
          .containsExactlyInAnyOrderElementsOf(
              Capabilities.WATCHED.stream()
                  .map(
                      crd ->
                          new Grant(
                              "customresourcedefinitions.apiextensions.k8s.io",
                              "[]",
                              "[" + crd + "]",
                              "[get list watch]"))
                  .toList());
    }
    assertThat(
            canIList(platform.operatorNamespace, InstalledPlatform.SERVICE_ACCOUNT, platform.apps))
        .contains(
            new Grant("microservices.gantry.dev", "[]", "[]", "[get list watch]"),
            new Grant("deployments.apps", "[]", "[]", "[get list watch create patch delete]"),
            new Grant("events", "[]", "[]", "[create patch]"));
    assertThat(
            canIList(
                platform.operatorNamespace,
                InstalledPlatform.SERVICE_ACCOUNT,
                platform.operatorNamespace))
        .contains(
            new Grant(
                "leases.coordination.k8s.io",
                "[]",
                "[gantry-operator-leader]",
                "[get update patch]"),
            new Grant("leases.coordination.k8s.io", "[]", "[]", "[create]"));
  }

  @Test
  void serviceAccountCannotReachBeyondWatchedNamespacesOrSecrets() {
    assertThat(canI("list", "deployments", "-n", platform.unwatched)).isFalse();
    assertThat(canI("list", "microservices.gantry.dev", "-n", platform.unwatched)).isFalse();
    assertThat(canI("list", "deployments", "-n", platform.apps)).isTrue();
    assertThat(canI("get", "secrets", "--all-namespaces")).isFalse();
    assertThat(canI("get", "secrets", "-n", platform.apps)).isFalse();
    assertThat(canI("create", "pods", "-n", platform.apps)).isFalse();
    assertThat(
            canI(
                "patch",
                "leases.coordination.k8s.io/someone-elses",
                "-n",
                platform.operatorNamespace))
        .isFalse();
    assertThat(canI("create", "rolebindings.rbac.authorization.k8s.io", "-n", platform.apps))
        .isFalse();
    assertThat(canI("update", "microservices.gantry.dev", "-n", platform.apps))
        .as("the spec belongs to its owners")
        .isFalse();
  }

  /**
   * The operator, holding a token of the chart's ServiceAccount and configured as the chart
   * configures it, reconciles two Microservices into every child and takes one through a canary
   * steered with kubectl gantry; the API server refuses none of its writes.
   */
  @Test
  void operatorWithTheChartsIdentityReconcilesAndRollsOutACanary() throws IOException {
    Microservices services = new Microservices(platform.cluster, platform.apps);
    try (RunningOperator operator =
        platform.startOperator(platform.apps, Map.of("GANTRY_RELEASE_ACTION_TTL", "2s"))) {
      services.create(
          "payments",
          """
          image: shop/payments:1
          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}
          autoscaling: {minReplicas: 1, maxReplicas: 3}
          """);
      services.create("checkout", CHECKOUT.formatted("1"));
      services.await("payments", "healthy", s -> s.phase() == Phase.Healthy);
      String first =
          services.await("checkout", "healthy", s -> s.phase() == Phase.Healthy).stableRevision();

      Microservice checkout = services.get("checkout");
      for (HasMetadata child :
          List.of(
              get(Deployment.class, "checkout-" + first),
              get(Service.class, "checkout"),
              get(ConfigMap.class, "checkout-" + first + "-config"),
              get(PodDisruptionBudget.class, "checkout"),
              get(VirtualService.class, "checkout"),
              get(DestinationRule.class, "checkout"),
              get(ServiceMonitor.class, "checkout"),
              get(ServiceAccount.class, "checkout"),
              get(AuthorizationPolicy.class, "checkout"))) {
        assertThat(child.getMetadata().getOwnerReferences())
            .as(child.getKind())
            .anySatisfy(o -> assertThat(o.getUid()).isEqualTo(checkout.getMetadata().getUid()));
      }
      assertThat(get(HorizontalPodAutoscaler.class, "payments")).isNotNull();
      await("payments admits checkout")
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          get(AuthorizationPolicy.class, "payments")
                              .getSpec()
                              .getRules()
                              .toString())
                      .contains("cluster.local/ns/" + platform.apps + "/sa/checkout"));
      var gateway =
          PolicyRules.admitting(
              get(AuthorizationPolicy.class, "checkout"),
              "cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account");
      assertThat(gateway).as("public hosts admit the ingress gateway").isPresent();
      var operation = gateway.get().getTo().get(0).getOperation();
      assertThat(operation.getPaths())
          .as("to the declared public paths only")
          .containsExactly("/checkout", "/checkout/*");
      assertThat(operation.getNotPaths())
          .as("never to a management path, the chart's defaults and the metrics path")
          .contains("/health/*", "/prometheus", "/prometheus/*", "/registry/*", "/openapi/*");
      List<Pod> pods = admin.pods().inNamespace(platform.apps).list().getItems();
      assertThat(pods)
          .as("every pod Gantry made, admitted under restricted")
          .hasSizeGreaterThanOrEqualTo(3)
          .allSatisfy(
              pod ->
                  assertThat(pod.getStatus().getConditions())
                      .anySatisfy(
                          c ->
                              assertThat(c.getType() + "=" + c.getStatus())
                                  .isEqualTo("Ready=True")));
      Lease lease =
          admin
              .leases()
              .inNamespace(platform.operatorNamespace)
              .withName("gantry-operator-leader")
              .get();
      assertThat(lease).as("leader election in the operator's namespace").isNotNull();
      assertThat(lease.getSpec().getHolderIdentity()).isNotBlank();

      services.edit("checkout", CHECKOUT.formatted("2"));
      String canary =
          services
              .await(
                  "checkout",
                  "paused at 50%",
                  s -> s.phase() == Phase.Paused && Integer.valueOf(50).equals(s.canaryWeight()))
              .canaryRevision();
      services.awaitCanaryWeight("checkout", 50);
      var promoted = services.gantry("promote", "checkout", "--reason", "chart identity works");
      assertThat(promoted.code()).as(promoted.err()).isZero();
      var done =
          services.await(
              "checkout",
              "promoted",
              s -> s.phase() == Phase.Healthy && canary.equals(s.stableRevision()));
      assertThat(done.previousRevision()).isEqualTo(first);
      services.awaitCanaryWeight("checkout", 0);
      assertThat(admin.v1().events().inNamespace(platform.apps).list().getItems())
          .as("the operator records what it does as Events")
          .anySatisfy(e -> assertThat(e.getInvolvedObject().getName()).isEqualTo("checkout"));
    }
    // Answered ReleaseActions are deleted once their time to live is over. (A running operator
    // does not come back to an action answered after it first saw it — reported — so a fresh
    // start, which looks at every action, is what deletes it here.)
    try (RunningOperator restarted =
        platform.startOperator(platform.apps, Map.of("GANTRY_RELEASE_ACTION_TTL", "2s"))) {
      await("answered ReleaseActions are deleted after their TTL")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  admin
                      .resources(ReleaseAction.class)
                      .inNamespace(platform.apps)
                      .list()
                      .getItems()
                      .isEmpty());
      services.await("checkout", "still healthy after a restart", s -> s.phase() == Phase.Healthy);
    }
    List<JsonNode> writes = auditedWrites(platform.serviceAccountUser());
    assertThat(writes).as("writes by the chart's ServiceAccount").hasSizeGreaterThan(10);
    assertThat(writes)
        .as("none of them refused")
        .noneSatisfy(w -> assertThat(w.path("responseStatus").path("code").asInt()).isEqualTo(403));
  }

  /** The chart's admission policy is live: nobody can act in someone else's name. */
  @Test
  void releaseActionPolicyFromTheChartRefusesAForgedRequestedBy() {
    ReleaseAction forged =
        Serialization.unmarshal(
            """
        apiVersion: gantry.dev/v1alpha1
        kind: ReleaseAction
        metadata: {name: forged}
        spec: {target: checkout, action: Abort, requestedBy: someone-else}
        """,
            ReleaseAction.class);
    assertThatThrownBy(
            () ->
                admin
                    .resources(ReleaseAction.class)
                    .inNamespace(platform.unwatched)
                    .resource(forged)
                    .create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.requestedBy must be the requesting user");
  }

  private static <T extends HasMetadata> T get(Class<T> type, String name) {
    T object = admin.resources(type).inNamespace(platform.apps).withName(name).get();
    assertThat(object).as("%s %s", type.getSimpleName(), name).isNotNull();
    return object;
  }

  /** One row of {@code kubectl auth can-i --list}. */
  record Grant(String resources, String nonResourceUrls, String resourceNames, String verbs) {}

  private static final Pattern ROW =
      Pattern.compile("^(\\S*)\\s+(\\[.*?])\\s+(\\[.*?])\\s+(\\[.*?])\\s*$");

  private static List<Grant> canIList(String accountNamespace, String account, String namespace) {
    String output =
        platform.cluster.kubectl(
            "auth",
            "can-i",
            "--list",
            "-n",
            namespace,
            "--as=system:serviceaccount:" + accountNamespace + ":" + account,
            "--as-group=system:serviceaccounts",
            "--as-group=system:serviceaccounts:" + accountNamespace);
    List<Grant> grants = new ArrayList<>();
    for (String line : output.lines().skip(1).toList()) {
      Matcher m = ROW.matcher(line);
      assertThat(m.matches()).as("a can-i row: %s", line).isTrue();
      grants.add(new Grant(m.group(1), m.group(2), m.group(3), m.group(4)));
    }
    assertThat(grants).isNotEmpty();
    return grants;
  }

  private static boolean canI(String verb, String resource, String... scope) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Tools.bin("kubectl").toString(),
                "--kubeconfig",
                platform.cluster.kubeconfig().toString(),
                "auth",
                "can-i",
                verb,
                resource,
                "--as=" + platform.serviceAccountUser(),
                "--as-group=system:serviceaccounts",
                "--as-group=system:serviceaccounts:" + platform.operatorNamespace));
    command.addAll(List.of(scope));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String answer = new String(process.getInputStream().readAllBytes()).trim();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(answer).as("can-i %s %s", verb, resource).isIn("yes", "no");
      return answer.equals("yes");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every write {@code user} made, from the API server's audit log (with its response code). */
  private static List<JsonNode> auditedWrites(String user) throws IOException {
    Path log = platform.cluster.kubeconfig().resolveSibling("audit.log");
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> writes = new ArrayList<>();
    try (Stream<String> lines = Files.lines(log)) {
      for (String line : lines.toList()) {
        try {
          JsonNode event = json.readTree(line);
          if (user.equals(event.path("user").path("username").asText())) {
            writes.add(event);
          }
        } catch (IOException halfWritten) {
          // The last line may still be being written.
        }
      }
    }
    return writes;
  }
}
