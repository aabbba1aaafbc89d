package dev.gantry.operator.render;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.Retries;
import dev.gantry.operator.api.Traffic;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRetry;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRetryBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestinationBuilder;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The Istio VirtualService: the service's hosts, its gateways, and the weighted split between
 * the {@code stable} and {@code canary} subsets, with timeout and retries.
 */
public final class VirtualServices {

  /** Gateways name the in-mesh callers too once any gateway is listed. */
  static final String MESH_GATEWAY = "mesh";
  static final String PRIMARY_ROUTE = "primary";

  private VirtualServices() {}

  public static VirtualService desired(Microservice ms, Platform platform, Routing routing) {
    String name = ms.getMetadata().getName();
    String namespace = ms.getMetadata().getNamespace();
    Traffic traffic = ms.getSpec().traffic();
    List<String> hosts = new ArrayList<>();
    hosts.add(name);
    hosts.addAll(traffic.hosts());
    List<String> gateways = new ArrayList<>(traffic.gateways());
    if (!gateways.isEmpty()) {
      gateways.add(MESH_GATEWAY);
    }
    String host = Names.serviceHost(name, namespace, platform.clusterDomain());
    List<HTTPRouteDestination> destinations = new ArrayList<>();
    destinations.add(destination(host, DestinationRules.STABLE, routing.stableWeight()));
    if (!routing.canaryRevision().equals(routing.stableRevision())) {
      destinations.add(destination(host, DestinationRules.CANARY, routing.canaryWeight()));
    }
    return new VirtualServiceBuilder()
        .withNewMetadata()
          .withName(name)
          .withNamespace(namespace)
          .withLabels(Labels.forService(name))
        .endMetadata()
        .withNewSpec()
          .withHosts(hosts)
          .withGateways(gateways.isEmpty() ? null : gateways)
          .addNewHttp()
            .withName(PRIMARY_ROUTE)
            .withRoute(destinations)
            .withTimeout(DestinationRules.istioDuration(traffic.timeout()))
            .withRetries(retries(traffic.retries()))
          .endHttp()
        .endSpec()
        .build();
  }

  private static HTTPRouteDestination destination(String host, String subset, int weight) {
    return new HTTPRouteDestinationBuilder()
        .withNewDestination().withHost(host).withSubset(subset).endDestination()
        .withWeight(weight)
        .build();
  }

  private static HTTPRetry retries(Retries retries) {
    if (retries == null) {
      return null;
    }
    return new HTTPRetryBuilder()
        .withAttempts(retries.attempts())
        .withPerTryTimeout(DestinationRules.istioDuration(retries.perTryTimeout()))
        .withRetryOn(retries.retryOn())
        .build();
  }
}
