package dev.gantry.operator.testing;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceSpec;
import dev.gantry.operator.api.MicroserviceStatus;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Microservices in one test namespace: create, edit, wait for a status, steer with the CLI; as the
 * cluster administrator, or as the user whose client is given.
 */
public final class Microservices {

  private final LocalCluster cluster;
  private final String namespace;
  private final KubernetesClient client;

  public Microservices(LocalCluster cluster, String namespace) {
    this(cluster, namespace, cluster.admin());
  }

  /** Creates and edits with {@code client}, holding only its user's rights. */
  public Microservices(LocalCluster cluster, String namespace, KubernetesClient client) {
    this.cluster = cluster;
    this.namespace = namespace;
    this.client = client;
  }

  public String namespace() {
    return namespace;
  }

  public Microservice create(String name, String specYaml) {
    Microservice ms = new Microservice();
    ms.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    ms.setSpec(Serialization.unmarshal(specYaml, MicroserviceSpec.class));
    return client.resources(Microservice.class).inNamespace(namespace).resource(ms).create();
  }

  /**
   * Replaces the spec, as a user's edit would; retried when the operator wrote the status in
   * between.
   */
  public void edit(String name, String specYaml) {
    MicroserviceSpec spec = Serialization.unmarshal(specYaml, MicroserviceSpec.class);
    org.awaitility.Awaitility.await(name + " edited")
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptionsMatching(
            e ->
                e instanceof io.fabric8.kubernetes.client.KubernetesClientException k
                    && k.getCode() == 409)
        .until(
            () -> {
              client
                  .resources(Microservice.class)
                  .inNamespace(namespace)
                  .withName(name)
                  .edit(
                      m -> {
                        m.setSpec(spec);
                        return m;
                      });
              return true;
            });
  }

  public void delete(String name) {
    client.resources(Microservice.class).inNamespace(namespace).withName(name).delete();
  }

  public Microservice get(String name) {
    return client.resources(Microservice.class).inNamespace(namespace).withName(name).get();
  }

  /** Waits until the status satisfies {@code condition} and reflects the latest spec. */
  public MicroserviceStatus await(
      String name, String what, Predicate<MicroserviceStatus> condition) {
    return await(name, what, Duration.ofSeconds(60), condition);
  }

  public MicroserviceStatus await(
      String name, String what, Duration atMost, Predicate<MicroserviceStatus> condition) {
    return org.awaitility.Awaitility.await(name + ": " + what)
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> get(name),
            m ->
                m != null
                    && m.getStatus() != null
                    && m.getMetadata().getGeneration().equals(m.getStatus().observedGeneration())
                    && condition.test(m.getStatus()))
        .getStatus();
  }

  /** The VirtualService's weight for the canary subset (0 when it routes only to stable). */
  public int canaryWeight(String name) {
    VirtualService vs =
        cluster.admin().resources(VirtualService.class).inNamespace(namespace).withName(name).get();
    if (vs == null) {
      return -1;
    }
    return canaryWeightOf(vs);
  }

  static int canaryWeightOf(VirtualService vs) {
    return vs.getSpec().getHttp().stream()
        .filter(r -> "primary".equals(r.getName()))
        .findFirst()
        .flatMap(
            r ->
                r.getRoute().stream()
                    .filter(d -> "canary".equals(d.getDestination().getSubset()))
                    .findFirst())
        .map(d -> d.getWeight())
        .orElse(0);
  }

  public void awaitCanaryWeight(String name, int weight) {
    org.awaitility.Awaitility.await(name + " routes " + weight + "% to the canary")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> canaryWeight(name) == weight);
  }

  /** Records every canary weight the VirtualService carries, in order, without repeats. */
  public WeightRecorder recordWeights(String name) {
    WeightRecorder recorder = new WeightRecorder();
    recorder.watch =
        cluster
            .admin()
            .resources(VirtualService.class)
            .inNamespace(namespace)
            .withName(name)
            .watch(recorder);
    return recorder;
  }

  /**
   * Records every canary weight the namespace's VirtualServices carry, in the order the API server
   * made the changes: entries {@code name@weight}, without repeats per service.
   */
  public WeightRecorder recordAllWeights() {
    WeightRecorder recorder = new WeightRecorder();
    recorder.watch =
        cluster.admin().resources(VirtualService.class).inNamespace(namespace).watch(recorder);
    return recorder;
  }

  /** The weights VirtualServices carried. */
  public static final class WeightRecorder implements Watcher<VirtualService>, AutoCloseable {
    private final List<Integer> weights = new CopyOnWriteArrayList<>();
    private final List<String> trail = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> last = new java.util.concurrent.ConcurrentHashMap<>();
    private Watch watch;

    @Override
    public synchronized void eventReceived(Action action, VirtualService vs) {
      if (action == Action.DELETED) {
        return;
      }
      int weight = canaryWeightOf(vs);
      if (weights.isEmpty() || weights.get(weights.size() - 1) != weight) {
        weights.add(weight);
      }
      Integer before = last.put(vs.getMetadata().getName(), weight);
      if (before == null || before != weight) {
        trail.add(vs.getMetadata().getName() + "@" + weight);
      }
    }

    /** Every service's weights, as {@code name@weight}, in order. */
    public List<String> trail() {
      return List.copyOf(trail);
    }

    @Override
    public void onClose(WatcherException cause) {}

    public List<Integer> weights() {
      return List.copyOf(weights);
    }

    @Override
    public void close() {
      watch.close();
    }
  }

  /** Runs {@code kubectl gantry ARGS} against this namespace; returns the exit code and output. */
  public CliResult gantry(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] full = new String[args.length + 4];
    full[0] = "--kubeconfig";
    full[1] = cluster.kubeconfig().toString();
    full[2] = "-n";
    full[3] = namespace;
    System.arraycopy(args, 0, full, 4, args.length);
    int code =
        dev.gantry.operator.cli.GantryCli.run(new PrintWriter(out), new PrintWriter(err), full);
    return new CliResult(code, out.toString(), err.toString());
  }

  /** What a CLI run printed, and its exit code. */
  public record CliResult(int code, String out, String err) {}
}
