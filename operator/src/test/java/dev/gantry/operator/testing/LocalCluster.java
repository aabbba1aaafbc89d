package dev.gantry.operator.testing;

import dev.gantry.operator.api.Microservice;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real control plane on loopback, started with {@code hack/local-cluster.sh}: etcd,
 * kube-apiserver, controller-manager, scheduler and kwok. Clusters are started once per test JVM
 * and stopped when it exits.
 */
public final class LocalCluster {

  private static final Map<String, LocalCluster> STARTED = new ConcurrentHashMap<>();

  /**
   * The public domains test clusters grant every namespace, as a platform engineer would: in the
   * hosts admission policy, and (through {@link RunningOperator} and {@link OperatorProcess}) in
   * the operator's {@code GANTRY_ALLOWED_DOMAINS}.
   */
  public static final String ALLOWED_DOMAINS = "example.com=*;shop.example=*";

  /**
   * The Kafka topics the operators of the tests grant every namespace ({@code GANTRY_KAFKA_TOPICS},
   * through {@link RunningOperator} and {@link OperatorProcess}): the coffee shop's, and those
   * other tests' specs name, so that their Microservices are accepted as a platform engineer's
   * grants would accept them.
   */
  public static final String KAFKA_TOPICS =
      "order-placed=*;order-status=*;order-placed.DLT=*;order-status.DLT=*;t1=*;t2=*";

  private final Path dir;
  private final KubernetesClient admin;

  private LocalCluster(Path dir) {
    this.dir = dir;
    this.admin = client(dir.resolve("kubeconfig"));
  }

  /**
   * The cluster most tests share: Gantry's CRDs and the Istio and Prometheus-Operator CRDs
   * installed. Tests keep to namespaces of their own.
   */
  public static LocalCluster shared() {
    return STARTED.computeIfAbsent(
        "shared",
        name -> {
          LocalCluster cluster = start(name);
          cluster.installThirdPartyCrds();
          return cluster;
        });
  }

  /** A cluster of its own, with only Gantry's CRDs: for tests that change cluster-wide state. */
  public static LocalCluster dedicated(String name) {
    return STARTED.computeIfAbsent(name, LocalCluster::start);
  }

  private static LocalCluster start(String name) {
    Path dir =
        Path.of(
            System.getProperty("java.io.tmpdir"),
            "gantry-test-" + name + "-" + ProcessHandle.current().pid());
    run(
        List.of(script().toString(), "down", "--dir", dir.toString()),
        dir.resolveSibling(dir.getFileName() + ".log"));
    run(
        List.of(script().toString(), "up", "--dir", dir.toString()),
        dir.resolveSibling(dir.getFileName() + ".log"));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    run(
                        List.of(script().toString(), "down", "--dir", dir.toString()),
                        dir.resolveSibling(dir.getFileName() + ".log"))));
    LocalCluster cluster = new LocalCluster(dir);
    cluster.kubectl(
        "apply", "--server-side", "--force-conflicts", "-f", repoRoot().resolve("crds").toString());
    cluster.kubectl(
        "wait", "--for=condition=Established", "--timeout=60s", "crd/microservices.gantry.dev");
    cluster.grantDomains(ALLOWED_DOMAINS);
    return cluster;
  }

  /**
   * The hosts admission policy of crds/, granting {@code domains} ({@code domain=namespace,…;…}).
   */
  public void grantDomains(String domains) {
    try {
      String shipped = Files.readString(repoRoot().resolve("crds/hosts-policy.yaml"));
      String granted = shipped.replace("\"''.split(';')", "\"'" + domains + "'.split(';')");
      if (granted.equals(shipped)) {
        throw new IllegalStateException(
            "crds/hosts-policy.yaml no longer has the grants this test fills in");
      }
      Path policy = Files.createTempFile("hosts-policy", ".yaml");
      Files.writeString(policy, granted);
      kubectl("apply", "--server-side", "--force-conflicts", "-f", policy.toString());
      Files.delete(policy);
      awaitEnforced(domains);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until the API server enforces the grants just applied: it reads admission policies
   * through an informer, so a Microservice created at once could still meet the policy as crds/
   * ships it (granting nothing). A dry run of one routing a host in the first grant, in a namespace
   * it names ({@code default} for {@code *}), is admitted once the grants apply.
   */
  private void awaitEnforced(String domains) {
    String[] grant = domains.split(";")[0].split("=");
    String namespaces = grant.length > 1 ? grant[1].split(",")[0] : "*";
    String probe =
        """
        apiVersion: gantry.dev/v1alpha1
        kind: Microservice
        metadata: {name: hosts-policy-probe, namespace: %s}
        spec:
          image: probe
          traffic: {hosts: [probe.%s], publicPaths: [/]}
        """
            .formatted(namespaces.equals("*") ? "default" : namespaces, grant[0]);
    org.awaitility.Awaitility.await("the hosts policy granting " + domains)
        .atMost(java.time.Duration.ofSeconds(30))
        .pollInterval(java.time.Duration.ofMillis(200))
        .ignoreExceptions()
        .until(
            () -> {
              admin.resource(probe).dryRun().create();
              return true;
            });
  }

  public static Path repoRoot() {
    Path here = Path.of("").toAbsolutePath();
    while (here != null && !Files.exists(here.resolve("hack/local-cluster.sh"))) {
      here = here.getParent();
    }
    if (here == null) {
      throw new IllegalStateException(
          "cannot find the repository root (hack/local-cluster.sh) above "
              + Path.of("").toAbsolutePath());
    }
    return here;
  }

  private static Path script() {
    return repoRoot().resolve("hack/local-cluster.sh");
  }

  /** The cluster administrator. */
  public KubernetesClient admin() {
    return admin;
  }

  /** A kubeconfig with the operator's own identity ({@code gantry-operator}). */
  public Path operatorKubeconfig() {
    return dir.resolve("operator.kubeconfig");
  }

  public Path kubeconfig() {
    return dir.resolve("kubeconfig");
  }

  /**
   * A client acting as {@code user} (impersonation by the administrator), with only that user's
   * rights.
   */
  public KubernetesClient as(String user) {
    try {
      Config config =
          new ConfigBuilder(Config.fromKubeconfig(Files.readString(kubeconfig())))
              .withImpersonateUsername(user)
              .withRequestTimeout(30_000)
              .build();
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public AuditLog auditLog() {
    return new AuditLog(dir.resolve("audit.log"), admin);
  }

  public void installThirdPartyCrds() {
    for (Path crds : thirdPartyCrds()) {
      kubectl("apply", "--server-side", "--force-conflicts", "-f", crds.toString());
    }
    kubectl(
        "wait",
        "--for=condition=Established",
        "--timeout=60s",
        "crd/virtualservices.networking.istio.io",
        "crd/destinationrules.networking.istio.io",
        "crd/servicemonitors.monitoring.coreos.com");
  }

  private static List<Path> thirdPartyCrds() {
    String dir = System.getenv("GANTRY_THIRD_PARTY_CRDS");
    Path base =
        dir != null
            ? Path.of(dir)
            : Path.of(System.getProperty("user.home"), ".cache/gantry/tools/crds");
    return List.of(base.resolve("istio.yaml"), base.resolve("prometheus-operator.yaml"));
  }

  /** A fresh namespace whose pods must pass the {@code restricted} Pod Security level. */
  public String createNamespace(String prefix) {
    String name =
        prefix + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                .addToLabels("pod-security.kubernetes.io/enforce-version", "latest")
                .endMetadata()
                .build())
        .create();
    // The controller-manager creates each namespace's default ServiceAccount; pods need it.
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> admin.serviceAccounts().inNamespace(name).withName("default").get() != null);
    return name;
  }

  public io.fabric8.kubernetes.client.dsl.MixedOperation<
          Microservice,
          io.fabric8.kubernetes.api.model.KubernetesResourceList<Microservice>,
          io.fabric8.kubernetes.client.dsl.Resource<Microservice>>
      microservices() {
    return admin.resources(Microservice.class);
  }

  /** Runs the tools' kubectl against this cluster; fails with its output if it fails. */
  public String kubectl(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Tools.bin("kubectl").toString());
    command.add("--kubeconfig");
    command.add(kubeconfig().toString());
    command.addAll(List.of(args));
    return run(command, null);
  }

  /**
   * Waits until an Event with {@code reason} about the object {@code name} is recorded. The
   * operator records an Event after the status write that a test awaits, so reading the Events once
   * right after the status would race it.
   */
  public void awaitEvent(String namespace, String name, String reason) {
    org.awaitility.Awaitility.await("an Event " + reason + " about " + namespace + "/" + name)
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                admin
                    .v1()
                    .events()
                    .inNamespace(namespace)
                    .withField("involvedObject.name", name)
                    .list()
                    .getItems()
                    .stream()
                    .anyMatch(e -> reason.equals(e.getReason())));
  }

  static KubernetesClient client(Path kubeconfig) {
    try {
      Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
      config.setRequestTimeout(30_000);
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String run(List<String> command, Path log) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      Path output = log != null ? log : Files.createTempFile("gantry-command", ".log");
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
      Process process = builder.start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", command));
      }
      String text = Files.readString(output);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "failed (" + process.exitValue() + "): " + String.join(" ", command) + "\n" + text);
      }
      if (log == null) {
        Files.delete(output);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
