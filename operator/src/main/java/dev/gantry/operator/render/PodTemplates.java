package dev.gantry.operator.render;

import dev.gantry.operator.api.HealthChecks;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceSpec;
import dev.gantry.operator.api.Resources;
import dev.gantry.operator.kafka.KafkaAccess;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.naming.Names;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The pod of one revision. Everything that can differ between two revisions of a service is decided
 * here, which is why the revision is a hash of this template (see {@link Revisions}).
 */
public final class PodTemplates {

  public static final String CONTAINER = "app";
  public static final String PORT_NAME = "http";
  public static final String CONFIG_DIR = "/etc/gantry/config";
  public static final String CONFIG_FILE = CONFIG_DIR + "/application.properties";
  public static final String ETCD_DIR = "/var/run/gantry/etcd";

  private PodTemplates() {}

  public static PodTemplateSpec render(Microservice ms, Platform platform, String revision) {
    String name = ms.getMetadata().getName();
    MicroserviceSpec spec = ms.getSpec();
    List<Volume> volumes = new ArrayList<>();
    List<VolumeMount> mounts = new ArrayList<>();
    // The root filesystem is read-only; the JVM and most frameworks need a writable /tmp.
    volumes.add(
        new VolumeBuilder()
            .withName("tmp")
            .withNewEmptyDir()
            .withSizeLimit(platform.podDefaults().tmpSizeLimit())
            .endEmptyDir()
            .build());
    mounts.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
    if (!spec.config().isEmpty()) {
      volumes.add(
          new VolumeBuilder()
              .withName("config")
              .withNewConfigMap()
              .withName(Names.configMap(name, revision))
              .endConfigMap()
              .build());
      mounts.add(
          new VolumeMountBuilder()
              .withName("config")
              .withMountPath(CONFIG_DIR)
              .withReadOnly(true)
              .build());
    }

    if (registryCredentials(spec, platform)) {
      // Only the service's own password is projected: a pod never holds another service's.
      volumes.add(
          new VolumeBuilder()
              .withName("etcd")
              .withNewSecret()
              .withSecretName(platform.etcdSecret())
              .addNewItem()
              .withKey("ca.crt")
              .withPath("ca.crt")
              .endItem()
              .addNewItem()
              .withKey(name + ".password")
              .withPath("password")
              .endItem()
              .withDefaultMode(0440)
              .endSecret()
              .build());
      mounts.add(
          new VolumeMountBuilder()
              .withName("etcd")
              .withMountPath(ETCD_DIR)
              .withReadOnly(true)
              .build());
    }

    Container container =
        new ContainerBuilder()
            .withName(CONTAINER)
            .withImage(spec.image())
            .addNewPort()
            .withName(PORT_NAME)
            .withContainerPort(spec.port())
            .withProtocol("TCP")
            .endPort()
            .withEnv(environment(ms, platform, revision))
            .withResources(resources(spec.resources(), platform.podDefaults()))
            .withStartupProbe(startupProbe(spec.healthChecks()))
            .withReadinessProbe(
                probe(spec.healthChecks().readinessPath(), spec.healthChecks().periodSeconds(), 3))
            .withLivenessProbe(
                probe(spec.healthChecks().livenessPath(), spec.healthChecks().periodSeconds(), 3))
            .withVolumeMounts(mounts)
            .withNewSecurityContext()
            .withAllowPrivilegeEscalation(false)
            .withReadOnlyRootFilesystem(true)
            .withRunAsNonRoot(true)
            .withNewCapabilities()
            .withDrop("ALL")
            .endCapabilities()
            .endSecurityContext()
            .build();

    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(Labels.forRevision(name, revision))
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(name)
        .withContainers(container)
        .withVolumes(volumes)
        // Services call each other through DNS or the registry, never the API server.
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .withTopologySpreadConstraints(
            spread("topology.kubernetes.io/zone", name, revision),
            spread("kubernetes.io/hostname", name, revision))
        .endSpec()
        .build();
  }

  /** The variables the operator injects, then the team's own, in declaration order. */
  static List<EnvVar> environment(Microservice ms, Platform platform, String revision) {
    MicroserviceSpec spec = ms.getSpec();
    List<EnvVar> env = new ArrayList<>();
    env.add(literal("GANTRY_SERVICE_NAME", ms.getMetadata().getName()));
    env.add(fieldRef("GANTRY_NAMESPACE", "metadata.namespace"));
    env.add(literal("GANTRY_REVISION", revision));
    env.add(literal("GANTRY_VERSION", imageVersion(spec.image())));
    env.add(fieldRef("GANTRY_POD_IP", "status.podIP"));
    env.add(literal("GANTRY_PORT", String.valueOf(spec.port())));
    // Inside the mesh calls must go through Service DNS so routes and policies apply;
    // outside it the registry gives client-side load balancing.
    env.add(literal("GANTRY_DISCOVERY_MODE", platform.istio() ? "mesh" : "registry"));
    if (spec.discovery().enabled() && !platform.etcdEndpoints().isEmpty()) {
      env.add(literal("GANTRY_ETCD_ENDPOINTS", String.join(",", platform.etcdEndpoints())));
    }
    if (registryCredentials(spec, platform)) {
      env.add(literal("GANTRY_ETCD_CA_FILE", ETCD_DIR + "/ca.crt"));
      env.add(
          literal(
              "GANTRY_ETCD_USERNAME",
              ms.getMetadata().getNamespace() + "." + ms.getMetadata().getName()));
      env.add(literal("GANTRY_ETCD_PASSWORD_FILE", ETCD_DIR + "/password"));
    }
    if (spec.kafka() != null) {
      String bootstrap =
          spec.kafka().bootstrapServers() != null
              ? spec.kafka().bootstrapServers()
              : platform.kafkaBootstrapServers();
      if (bootstrap != null && !bootstrap.isBlank()) {
        env.add(literal("KAFKA_BOOTSTRAP_SERVERS", bootstrap));
      }
      // The user its ACLs are granted to, and the consumer group they let it read in (a replica
      // reading on its own uses <group>_<something>).
      String user = KafkaAccess.user(ms.getMetadata().getNamespace(), ms.getMetadata().getName());
      env.add(literal("GANTRY_KAFKA_USER", user));
      if (!spec.kafka().consumes().isEmpty()) {
        env.add(literal("GANTRY_KAFKA_GROUP", user));
      }
      // The user's login, from the Secret Gantry mirrors Strimzi's credentials into. Without
      // Strimzi a platform engineer who made the user by hand may put it there; until then the
      // pod starts without it. With Strimzi the pod waits for it: it could reach nothing without.
      env.add(
          new EnvVarBuilder()
              .withName("KAFKA_SASL_JAAS_CONFIG")
              .withNewValueFrom()
              .withNewSecretKeyRef()
              .withName(KafkaUsers.secretName(ms.getMetadata().getName()))
              .withKey(KafkaUsers.JAAS_CONFIG)
              .withOptional(platform.strimzi() == null)
              .endSecretKeyRef()
              .endValueFrom()
              .build());
    }
    if (!spec.config().isEmpty()) {
      env.add(literal("GANTRY_CONFIG_FILE", CONFIG_FILE));
      env.add(literal("MICRONAUT_CONFIG_FILES", CONFIG_FILE));
    }
    for (dev.gantry.operator.api.EnvVar e : spec.env()) {
      env.add(
          new EnvVarBuilder()
              .withName(e.name())
              .withValue(e.value())
              .withValueFrom(e.valueFrom())
              .build());
    }
    return env;
  }

  /**
   * Whether the service proves itself to the registry: it uses discovery, and the platform names
   * the Secret with the registry's CA and the services' passwords. The etcd user is {@code
   * <namespace>.<service>}, whose role may write only the service's own instances.
   */
  private static boolean registryCredentials(MicroserviceSpec spec, Platform platform) {
    return spec.discovery().enabled()
        && !platform.etcdEndpoints().isEmpty()
        && platform.etcdSecret() != null;
  }

  /** The image's tag (or digest), which services report as their version. */
  static String imageVersion(String image) {
    int at = image.indexOf('@');
    if (at >= 0) {
      String digest = image.substring(at + 1);
      int colon = digest.indexOf(':');
      String hex = colon >= 0 ? digest.substring(colon + 1) : digest;
      return hex.substring(0, Math.min(12, hex.length()));
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    return colon > slash ? image.substring(colon + 1) : "latest";
  }

  /** With the apiVersion the server would default, so applied and stored objects compare equal. */
  private static EnvVar fieldRef(String name, String path) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewFieldRef()
        .withApiVersion("v1")
        .withFieldPath(path)
        .endFieldRef()
        .endValueFrom()
        .build();
  }

  private static EnvVar literal(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  /**
   * The team's requests and limits, and the platform's defaults for what the team left out — never
   * a default request above the team's limit, nor a default limit below the team's request.
   */
  static ResourceRequirements resources(Resources team, PodDefaults defaults) {
    Resources declared = team == null ? new Resources(null, null) : team;
    Map<String, Quantity> requests = new TreeMap<>();
    Map<String, Quantity> limits = new TreeMap<>();
    Set<String> kinds = new TreeSet<>();
    kinds.addAll(defaults.requests().keySet());
    kinds.addAll(defaults.limits().keySet());
    kinds.addAll(declared.requests().keySet());
    kinds.addAll(declared.limits().keySet());
    for (String kind : kinds) {
      Quantity teamRequest = declared.requests().get(kind);
      Quantity teamLimit = declared.limits().get(kind);
      Quantity request =
          teamRequest != null ? teamRequest : lesser(defaults.requests().get(kind), teamLimit);
      Quantity limit =
          teamLimit != null ? teamLimit : greater(defaults.limits().get(kind), request);
      if (request != null) {
        requests.put(kind, request);
      }
      if (limit != null) {
        limits.put(kind, limit);
      }
    }
    return new ResourceRequirementsBuilder()
        .withRequests(requests.isEmpty() ? null : requests)
        .withLimits(limits.isEmpty() ? null : limits)
        .build();
  }

  /** The default, lowered to the bound when the bound is below it. */
  private static Quantity lesser(Quantity fallback, Quantity bound) {
    return fallback != null && bound != null && compare(fallback, bound) > 0 ? bound : fallback;
  }

  /**
   * The default, raised to the bound when the bound is above it (only where there is a default).
   */
  private static Quantity greater(Quantity fallback, Quantity bound) {
    return fallback != null && bound != null && compare(fallback, bound) < 0 ? bound : fallback;
  }

  private static int compare(Quantity a, Quantity b) {
    return Quantity.getAmountInBytes(a).compareTo(Quantity.getAmountInBytes(b));
  }

  private static Probe probe(String path, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withNewPort(PORT_NAME)
        .endHttpGet()
        .withPeriodSeconds(periodSeconds)
        .withTimeoutSeconds(Math.min(periodSeconds, 5))
        .withFailureThreshold(failureThreshold)
        .build();
  }

  /** Liveness is not checked until the service has started, however long that takes. */
  private static Probe startupProbe(HealthChecks checks) {
    int period = 2;
    int attempts = Math.max(1, (checks.startupTimeoutSeconds() + period - 1) / period);
    return probe(checks.livenessPath(), period, attempts);
  }

  private static io.fabric8.kubernetes.api.model.TopologySpreadConstraint spread(
      String topologyKey, String name, String revision) {
    return new TopologySpreadConstraintBuilder()
        .withTopologyKey(topologyKey)
        .withMaxSkew(1)
        .withWhenUnsatisfiable("ScheduleAnyway")
        .withNewLabelSelector()
        .withMatchLabels(Labels.revisionSelector(name, revision))
        .endLabelSelector()
        .build();
  }
}
