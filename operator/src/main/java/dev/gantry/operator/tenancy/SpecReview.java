package dev.gantry.operator.tenancy;

import dev.gantry.operator.analysis.CheckPlan;
import dev.gantry.operator.analysis.Queries;
import dev.gantry.operator.analysis.promql.PromQlException;
import dev.gantry.operator.api.Analysis;
import dev.gantry.operator.api.AnalysisMetric;
import dev.gantry.operator.api.BlueGreen;
import dev.gantry.operator.api.Canary;
import dev.gantry.operator.api.Durations;
import dev.gantry.operator.api.EnvVar;
import dev.gantry.operator.api.HostNames;
import dev.gantry.operator.api.Kafka;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceSpec;
import dev.gantry.operator.api.Rollout;
import dev.gantry.operator.api.Traffic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Checks a Microservice against the platform's {@link TenantPolicy}, and returns the spec the
 * platform admits: canary analysis no more frequent than its minimum interval, and nothing it does
 * not allow. Public hosts outside the domains granted to the namespace, and gateways the platform
 * did not list, and Kafka topics the platform did not grant the namespace (besides its own {@code
 * <namespace>.…}), are left out of what is applied (the rest of the service keeps working); a
 * Secret the pods may not read blocks the whole Microservice, since its pods would read it. The API
 * server refuses most of this already (CEL and an admission policy); this is the check that holds
 * when those are absent or the platform's settings changed after the Microservice was written.
 */
public final class SpecReview {

  private SpecReview() {}

  /**
   * @param admitted the spec with what is not allowed left out
   * @param violations what was left out or blocks, in the order of the spec's fields
   */
  public record Result(MicroserviceSpec admitted, List<Violation> violations) {

    public Result {
      violations = List.copyOf(violations);
    }

    public boolean blocked() {
      return violations.stream().anyMatch(Violation::blocking);
    }
  }

  public static Result review(Microservice ms, TenantPolicy policy) {
    String namespace = ms.getMetadata().getNamespace();
    String name = ms.getMetadata().getName();
    MicroserviceSpec spec = ms.getSpec();
    List<Violation> violations = new ArrayList<>();

    Traffic traffic = spec.traffic();
    List<String> hosts =
        hosts(traffic.hosts(), "spec.traffic.hosts", namespace, policy, violations);
    List<String> gateways = new ArrayList<>();
    for (int i = 0; i < traffic.gateways().size(); i++) {
      String gateway = traffic.gateways().get(i);
      if (Gateways.MESH.equals(gateway)
          || policy.allowedGateways().contains(Gateways.qualified(gateway, namespace))) {
        gateways.add(gateway);
      } else {
        violations.add(
            new Violation(
                "spec.traffic.gateways[" + i + "]",
                Violation.GATEWAY_NOT_ALLOWED,
                "gateway "
                    + gateway
                    + " is not one the platform allows routes to bind to ("
                    + String.join(", ", policy.allowedGateways().stream().sorted().toList())
                    + ")",
                false));
      }
    }
    Rollout rollout = spec.rollout();
    BlueGreen blueGreen = rollout.blueGreen();
    if (blueGreen != null) {
      List<String> preview =
          hosts(
              blueGreen.previewHosts(),
              "spec.rollout.blueGreen.previewHosts",
              namespace,
              policy,
              violations);
      blueGreen =
          new BlueGreen(
              blueGreen.autoPromotionSeconds(), blueGreen.scaleDownDelaySeconds(), preview);
    }
    for (int i = 0; i < spec.env().size(); i++) {
      EnvVar env = spec.env().get(i);
      if (env.valueFrom() == null || env.valueFrom().getSecretKeyRef() == null) {
        continue;
      }
      String secret = env.valueFrom().getSecretKeyRef().getName();
      String refused =
          switch (policy.secretReferences()) {
            case Namespace -> null;
            case Prefixed ->
                secret != null && secret.startsWith(name + "-")
                    ? null
                    : "Secret "
                        + secret
                        + " may not be read: the platform lets "
                        + name
                        + " read only Secrets named "
                        + name
                        + "-…";
            case None -> "the platform lets no Microservice read Secrets through env";
          };
      if (refused != null) {
        violations.add(
            new Violation(
                "spec.env[" + i + "].valueFrom.secretKeyRef.name",
                Violation.SECRET_NOT_ALLOWED,
                refused,
                true));
      }
    }
    Canary canary = rollout.canary();
    if (canary != null && canary.analysis() != null) {
      List<AnalysisMetric> metrics = canary.analysis().metrics();
      for (int i = 0; i < metrics.size(); i++) {
        String query = metrics.get(i).query();
        if (query == null) {
          continue;
        }
        try {
          CheckPlan.confined(
              query,
              new Queries.Target(namespace, name, "0", canary.analysis().interval()),
              policy.tenantLabel());
        } catch (PromQlException e) {
          violations.add(
              new Violation(
                  "spec.rollout.canary.analysis.metrics[" + i + "].query",
                  Violation.QUERY_NOT_CONFINED,
                  "cannot be confined to namespace "
                      + namespace
                      + ", so it is never sent: "
                      + e.getMessage(),
                  false));
        }
      }
    }
    Kafka kafka = spec.kafka();
    if (kafka != null) {
      kafka =
          new Kafka(
              topics(kafka.produces(), "spec.kafka.produces", namespace, policy, violations),
              topics(kafka.consumes(), "spec.kafka.consumes", namespace, policy, violations),
              kafka.bootstrapServers());
    }
    MicroserviceSpec admitted =
        new MicroserviceSpec(
            spec.image(),
            spec.replicas(),
            spec.port(),
            spec.env(),
            spec.resources(),
            spec.config(),
            spec.healthChecks(),
            spec.autoscaling(),
            spec.dependsOn(),
            spec.discovery(),
            kafka,
            spec.monitoring(),
            new Traffic(
                hosts,
                gateways,
                traffic.publicPaths(),
                traffic.timeout(),
                traffic.retries(),
                traffic.circuitBreaker()),
            new Rollout(
                rollout.strategy(),
                paced(rollout.canary(), policy.minAnalysisInterval()),
                blueGreen),
            spec.api());
    return new Result(admitted, violations);
  }

  /** The canary with its analysis no more frequent than the platform allows. */
  private static Canary paced(Canary canary, Duration minimum) {
    if (canary == null || canary.analysis() == null) {
      return canary;
    }
    Analysis paced = paced(canary.analysis(), minimum);
    return paced == canary.analysis()
        ? canary
        : new Canary(
            canary.steps(),
            canary.scaleDownDelaySeconds(),
            canary.match(),
            canary.mirrorPercent(),
            paced);
  }

  /**
   * An analysis no more frequent than the platform allows: a Microservice's, or the release group's
   * that is judged on it.
   */
  public static Analysis paced(Analysis a, Duration minimum) {
    if (a == null || Durations.parse(a.interval()).compareTo(minimum) >= 0) {
      return a;
    }
    return new Analysis(
        Durations.toPrometheus(minimum),
        a.failureLimit(),
        a.minRequests(),
        a.inconclusiveLimit(),
        a.onInconclusive(),
        a.source(),
        a.prometheus(),
        a.metrics());
  }

  private static List<String> hosts(
      List<String> requested,
      String field,
      String namespace,
      TenantPolicy policy,
      List<Violation> violations) {
    return granted(
        requested,
        field,
        host -> HostNames.wellFormed(host) && policy.allowsHost(namespace, host),
        Violation.HOST_NOT_ALLOWED,
        host -> {
          List<String> domains = policy.domainsFor(namespace);
          return host
              + " is not in a domain the platform allows namespace "
              + namespace
              + " to route ("
              + (domains.isEmpty() ? "it allows none" : String.join(", ", domains))
              + ")";
        },
        violations);
  }

  private static List<String> topics(
      List<String> requested,
      String field,
      String namespace,
      TenantPolicy policy,
      List<Violation> violations) {
    return granted(
        requested,
        field,
        topic -> policy.allowsTopic(namespace, topic),
        Violation.TOPIC_NOT_ALLOWED,
        topic ->
            "Kafka topic "
                + topic
                + " is not one the platform allows namespace "
                + namespace
                + " to use ("
                + String.join(", ", policy.topicsFor(namespace))
                + "), so the service gets no access to it",
        violations);
  }

  /**
   * The entries of a list field the platform grants; each other one is left out with a violation
   * that names it by index.
   */
  private static List<String> granted(
      List<String> requested,
      String field,
      Predicate<String> allowed,
      String reason,
      Function<String, String> refusal,
      List<Violation> violations) {
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < requested.size(); i++) {
      String entry = requested.get(i);
      if (allowed.test(entry)) {
        kept.add(entry);
      } else {
        violations.add(new Violation(field + "[" + i + "]", reason, refusal.apply(entry), false));
      }
    }
    return kept;
  }
}
