package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.List;
import java.util.Map;

/**
 * What a service team declares. Every field is optional but {@code image}; defaults are applied by
 * the API server (schema defaults) and again here, so objects built in code behave the same as
 * objects read from the cluster.
 *
 * <p>Rules sit on the type with a {@code fieldPath} rather than on record components, because an
 * annotation on a component lands on both the field and the accessor.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value = "self.port < 15000 || self.port > 15090",
    fieldPath = ".port",
    message = "ports 15000-15090 are reserved for the Istio sidecar")
@ValidationRule(
    value = "!has(self.env) || self.env.all(e, self.env.exists_one(f, f.name == e.name))",
    fieldPath = ".env",
    message = "env names must be unique")
@ValidationRule(
    value =
        "!has(self.env) || self.env.all(e, !e.name.startsWith('GANTRY_')"
            + " && !(e.name in ['KAFKA_BOOTSTRAP_SERVERS', 'KAFKA_SASL_JAAS_CONFIG',"
            + " 'MICRONAUT_CONFIG_FILES']))",
    fieldPath = ".env",
    message =
        "env names GANTRY_*, KAFKA_BOOTSTRAP_SERVERS, KAFKA_SASL_JAAS_CONFIG and"
            + " MICRONAUT_CONFIG_FILES are reserved for what the operator injects")
@ValidationRule(
    value =
        "!has(self.env) || self.env.map(e, has(e.value) ? size(e.value) : 0).sum() <= "
            + MicroserviceSpec.MAX_ENV_CHARACTERS,
    fieldPath = ".env",
    message =
        "env values together must not exceed "
            + MicroserviceSpec.MAX_ENV_CHARACTERS
            + " characters: they are copied into every revision's Deployment; put larger settings in config")
@ValidationRule(
    value =
        "!has(self.config) || self.config.map(k, size(k) + size(self.config[k])).sum() <= "
            + MicroserviceSpec.MAX_CONFIG_CHARACTERS,
    fieldPath = ".config",
    message =
        "config keys and values together must not exceed "
            + MicroserviceSpec.MAX_CONFIG_CHARACTERS
            + " characters, so each revision's ConfigMap stays under 1 MiB")
@ValidationRule(
    value =
        "!has(self.config) || self.config.all(k, k.matches('^[A-Za-z0-9][-A-Za-z0-9._\\\\[\\\\]]*$'))",
    fieldPath = ".config",
    message =
        "config keys must be application property names: letters, digits, '.', '-', '_', '[' and ']'")
@ValidationRule(
    value =
        "!has(self.dependsOn) || self.dependsOn.all(n, n.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$'))",
    fieldPath = ".dependsOn",
    message = "dependsOn entries must be Microservice names (DNS-1035 labels)")
@ValidationRule(
    value = "!has(self.dependsOn) || self.dependsOn.all(n, self.dependsOn.exists_one(m, m == n))",
    fieldPath = ".dependsOn",
    message = "dependsOn entries must be unique")
@ValidationRule(
    value =
        "!has(self.autoscaling) || (has(self.resources) && has(self.resources.requests)"
            + " && 'cpu' in self.resources.requests)",
    fieldPath = ".autoscaling",
    message =
        "autoscaling needs resources.requests.cpu: the autoscaler scales on CPU use relative to the request")
@ValidationRule(
    value =
        "!has(self.api) || !has(self.api.uses) || self.api.uses.all(u, has(self.dependsOn)"
            + " && u.service in self.dependsOn)",
    fieldPath = ".api.uses",
    message = "api.uses[].service must be a Microservice listed in dependsOn")
@ValidationRule(
    value =
        "!has(self.api) || !has(self.api.events) || self.api.events.all(e, has(self.kafka)"
            + " && has(self.kafka.produces) && e.topic in self.kafka.produces)",
    fieldPath = ".api.events",
    message = "api.events[].topic must be a topic listed in kafka.produces")
public record MicroserviceSpec(
    @Required @Size(min = 1, max = 512) @Pattern("^[^\\s]+$") String image,
    @SpecReplicas @Min(0) @Max(1000) Integer replicas,
    @Min(1) @Max(65535) @Default("8080") Integer port,
    @Size(max = 100) List<EnvVar> env,
    Resources resources,
    @Size(max = 256) Map<String, @Size(max = MAX_CONFIG_CHARACTERS) String> config,
    HealthChecks healthChecks,
    Autoscaling autoscaling,
    @Size(max = 64) List<@Size(max = 52) String> dependsOn,
    Discovery discovery,
    Kafka kafka,
    Monitoring monitoring,
    Traffic traffic,
    @Default("{}") Rollout rollout,
    Api api) {

  public static final int DEFAULT_PORT = 8080;

  /**
   * {@code application.properties} escapes a character as at most six bytes (a Unicode escape): 128
   * Ki characters make at most 768 KiB, below a ConfigMap's 1 MiB with room for its metadata.
   */
  public static final int MAX_CONFIG_CHARACTERS = 131072;

  public static final int MAX_ENV_CHARACTERS = 131072;

  public MicroserviceSpec {
    port = port == null ? DEFAULT_PORT : port;
    env = env == null ? List.of() : List.copyOf(env);
    config = config == null ? Map.of() : Map.copyOf(config);
    healthChecks = healthChecks == null ? HealthChecks.DEFAULTS : healthChecks;
    dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    discovery = discovery == null ? Discovery.DISABLED : discovery;
    monitoring = monitoring == null ? Monitoring.DEFAULTS : monitoring;
    traffic = traffic == null ? Traffic.NONE : traffic;
    rollout = rollout == null ? Rollout.ROLLING : rollout;
  }

  /**
   * Replicas at steady state. With autoscaling, the autoscaler writes {@code replicas} through the
   * scale subresource; until it has, the floor applies.
   */
  public int desiredReplicas() {
    if (replicas != null) {
      return autoscaling == null
          ? replicas
          : Math.max(autoscaling.minReplicas(), Math.min(replicas, autoscaling.maxReplicas()));
    }
    return autoscaling != null ? autoscaling.minReplicas() : 1;
  }
}
