package dev.gantry.operator.render;

import dev.gantry.operator.api.CircuitBreaker;
import dev.gantry.operator.api.Durations;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.naming.Names;
import dev.gantry.operator.rollout.Routing;
import dev.gantry.operator.tenancy.Gateways;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettings;
import io.fabric8.istio.api.api.networking.v1alpha3.ConnectionPoolSettingsBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.OutlierDetection;
import io.fabric8.istio.api.api.networking.v1alpha3.OutlierDetectionBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.SubsetBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicy;
import io.fabric8.istio.api.api.networking.v1alpha3.TrafficPolicyBuilder;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;

/**
 * The Istio DestinationRule: subsets {@code stable} and {@code canary}, each selecting one
 * revision's pods, and the traffic policy from {@code traffic.circuitBreaker}. Exported like the
 * VirtualService: its own namespace, and the gateways that route to its subsets.
 */
public final class DestinationRules {

  public static final String STABLE = "stable";
  public static final String CANARY = "canary";

  private DestinationRules() {}

  public static DestinationRule desired(Microservice ms, Platform platform, Routing routing) {
    String name = ms.getMetadata().getName();
    String namespace = ms.getMetadata().getNamespace();
    return new DestinationRuleBuilder()
        .withMetadata(Labels.serviceMetadata(ms, name))
        .withNewSpec()
        .withHost(Names.serviceHost(name, namespace, platform.clusterDomain()))
        .withExportTo(Gateways.exportTo(ms.getSpec().traffic().gateways(), namespace))
        .withSubsets(
            new SubsetBuilder()
                .withName(STABLE)
                .withLabels(Labels.revisionSelector(name, routing.stableRevision()))
                .build(),
            new SubsetBuilder()
                .withName(CANARY)
                .withLabels(Labels.revisionSelector(name, routing.canaryRevision()))
                .build())
        .withTrafficPolicy(trafficPolicy(ms.getSpec().traffic().circuitBreaker()))
        .endSpec()
        .build();
  }

  static TrafficPolicy trafficPolicy(CircuitBreaker breaker) {
    if (breaker == null) {
      return null;
    }
    return new TrafficPolicyBuilder()
        .withOutlierDetection(outlierDetection(breaker))
        .withConnectionPool(connectionPool(breaker))
        .build();
  }

  private static OutlierDetection outlierDetection(CircuitBreaker b) {
    if (b.consecutive5xxErrors() == null
        && b.interval() == null
        && b.baseEjectionTime() == null
        && b.maxEjectionPercent() == null) {
      return null;
    }
    return new OutlierDetectionBuilder()
        .withConsecutive5xxErrors(b.consecutive5xxErrors())
        .withInterval(istioDuration(b.interval()))
        .withBaseEjectionTime(istioDuration(b.baseEjectionTime()))
        .withMaxEjectionPercent(b.maxEjectionPercent())
        .build();
  }

  private static ConnectionPoolSettings connectionPool(CircuitBreaker b) {
    if (b.maxConnections() == null
        && b.maxPendingRequests() == null
        && b.maxRequestsPerConnection() == null) {
      return null;
    }
    ConnectionPoolSettingsBuilder pool = new ConnectionPoolSettingsBuilder();
    if (b.maxConnections() != null) {
      pool.withNewTcp().withMaxConnections(b.maxConnections()).endTcp();
    }
    if (b.maxPendingRequests() != null || b.maxRequestsPerConnection() != null) {
      pool.withNewHttp()
          .withHttp1MaxPendingRequests(b.maxPendingRequests())
          .withMaxRequestsPerConnection(b.maxRequestsPerConnection())
          .endHttp();
    }
    return pool.build();
  }

  static String istioDuration(String apiDuration) {
    return apiDuration == null ? null : Durations.toSeconds(Durations.parse(apiDuration));
  }
}
