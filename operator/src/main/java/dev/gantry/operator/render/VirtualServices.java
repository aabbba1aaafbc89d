package dev.gantry.operator.render;

import dev.gantry.operator.api.Canary;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.Retries;
import dev.gantry.operator.api.Rollout;
import dev.gantry.operator.api.Traffic;
import dev.gantry.operator.api.TrafficMatch;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.naming.Names;
import dev.gantry.operator.rollout.Routing;
import dev.gantry.operator.tenancy.Gateways;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequest;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPMatchRequestBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRetry;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRetryBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestinationBuilder;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatch;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchExact;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchPrefix;
import io.fabric8.istio.api.api.networking.v1alpha3.StringMatchRegex;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Istio VirtualService: the service's hosts, its gateways, and the weighted split between the
 * {@code stable} and {@code canary} subsets, with timeout and retries. Blue-green preview hosts
 * always reach the canary subset; during a rollout, A/B matches do too, and a share of stable
 * traffic can be mirrored to it. It is exported to its own namespace only (and to the gateways'
 * namespaces), so it never changes how other namespaces' callers are routed.
 */
public final class VirtualServices {

  /** Gateways name the in-mesh callers too once any gateway is listed. */
  static final String MESH_GATEWAY = Gateways.MESH;

  static final String PRIMARY_ROUTE = "primary";
  static final String PREVIEW_ROUTE = "preview";
  static final String CANARY_MATCH_ROUTE = "canary-match";

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
    Rollout rollout = ms.getSpec().rollout();
    List<HTTPRoute> routes = new ArrayList<>();
    List<String> previewHosts =
        rollout.blueGreen() == null ? List.of() : rollout.blueGreen().previewHosts();
    if (!previewHosts.isEmpty()) {
      hosts.addAll(previewHosts);
      routes.add(
          route(PREVIEW_ROUTE, traffic)
              .withMatch(
                  previewHosts.stream()
                      .map(h -> new HTTPMatchRequestBuilder().withAuthority(exact(h)).build())
                      .toList())
              .withRoute(destination(host, DestinationRules.CANARY, 100))
              .build());
    }
    Canary canary = rollout.canary();
    if (routing.hasCanary() && canary != null && !canary.match().isEmpty()) {
      routes.add(
          route(CANARY_MATCH_ROUTE, traffic)
              .withMatch(canary.match().stream().map(VirtualServices::match).toList())
              .withRoute(destination(host, DestinationRules.CANARY, 100))
              .build());
    }
    List<HTTPRouteDestination> destinations = new ArrayList<>();
    destinations.add(destination(host, DestinationRules.STABLE, routing.stableWeight()));
    if (routing.hasCanary()) {
      destinations.add(destination(host, DestinationRules.CANARY, routing.canaryWeight()));
    }
    HTTPRouteBuilder primary = route(PRIMARY_ROUTE, traffic).withRoute(destinations);
    if (routing.hasCanary()
        && canary != null
        && canary.mirrorPercent() != null
        && canary.mirrorPercent() > 0) {
      primary
          .withNewMirror()
          .withHost(host)
          .withSubset(DestinationRules.CANARY)
          .endMirror()
          .withNewMirrorPercentage()
          .withValue(canary.mirrorPercent().doubleValue())
          .endMirrorPercentage();
    }
    routes.add(primary.build());
    return new VirtualServiceBuilder()
        .withMetadata(Labels.serviceMetadata(ms, name))
        .withNewSpec()
        .withHosts(hosts)
        .withExportTo(Gateways.exportTo(traffic.gateways(), namespace))
        .withGateways(gateways.isEmpty() ? null : gateways)
        .withHttp(routes)
        .endSpec()
        .build();
  }

  /**
   * The share of ordinary traffic the VirtualService gives the {@code canary} subset, as {@link
   * #desired} writes it; 0 when it routes none.
   */
  public static int canaryWeight(VirtualService vs) {
    if (vs.getSpec() == null || vs.getSpec().getHttp() == null) {
      return 0;
    }
    return vs.getSpec().getHttp().stream()
        .filter(r -> PRIMARY_ROUTE.equals(r.getName()) && r.getRoute() != null)
        .flatMap(r -> r.getRoute().stream())
        .filter(
            d ->
                d.getDestination() != null
                    && DestinationRules.CANARY.equals(d.getDestination().getSubset())
                    && d.getWeight() != null)
        .mapToInt(HTTPRouteDestination::getWeight)
        .findFirst()
        .orElse(0);
  }

  private static HTTPRouteBuilder route(String name, Traffic traffic) {
    return new HTTPRouteBuilder()
        .withName(name)
        .withTimeout(DestinationRules.istioDuration(traffic.timeout()))
        .withRetries(retries(traffic.retries()));
  }

  /** A/B: a request header, or a cookie found in the Cookie header. */
  static HTTPMatchRequest match(TrafficMatch match) {
    if (match.header() != null) {
      TrafficMatch.Header h = match.header();
      StringMatch value =
          h.exact() != null
              ? exact(h.exact())
              : h.prefix() != null
                  ? new StringMatch(new StringMatchPrefix(h.prefix()))
                  : new StringMatch(new StringMatchRegex(h.regex()));
      return new HTTPMatchRequestBuilder().withHeaders(Map.of(h.name(), value)).build();
    }
    String cookie =
        "^(.*?;\\s*)?"
            + re2Literal(match.cookie().name())
            + "="
            + re2Literal(match.cookie().value())
            + "(;.*)?$";
    return new HTTPMatchRequestBuilder()
        .withHeaders(Map.of("cookie", new StringMatch(new StringMatchRegex(cookie))))
        .build();
  }

  private static StringMatch exact(String value) {
    return new StringMatch(new StringMatchExact(value));
  }

  /** Escapes RE2 metacharacters, so a name or value matches itself. */
  static String re2Literal(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  private static HTTPRouteDestination destination(String host, String subset, int weight) {
    return new HTTPRouteDestinationBuilder()
        .withNewDestination()
        .withHost(host)
        .withSubset(subset)
        .endDestination()
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
