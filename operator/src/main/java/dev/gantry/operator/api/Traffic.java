package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * How calls reach the service through the mesh: hosts, gateways, the paths the ingress gateway may
 * reach, timeouts, retries, limits.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value = "!has(self.hosts) || self.hosts.all(h, !h.contains('*'))",
    fieldPath = ".hosts",
    message = "hosts must not be wildcards: a wildcard would claim names other teams serve")
@ValidationRule(
    value =
        "!has(self.hosts) || self.hosts.all(h, h.matches('" + HostNames.EXTERNAL_DNS_NAME + "'))",
    fieldPath = ".hosts",
    message = "hosts must be fully qualified DNS names in lower case, such as shop.example.com")
@ValidationRule(
    value = "!has(self.hosts) || self.hosts.all(h, !h.matches('" + HostNames.IN_CLUSTER + "'))",
    fieldPath = ".hosts",
    message =
        "hosts must not be in-cluster names (.svc, .local): they belong to other"
            + " services; the Microservice's own in-cluster name is always routed")
@ValidationRule(
    value =
        "!has(self.gateways) || self.gateways.all(g, g.matches('^([a-z0-9]([-a-z0-9]*[a-z0-9])?/)?[a-z0-9]([-.a-z0-9]*[a-z0-9])?$'))",
    fieldPath = ".gateways",
    message = "gateways are Gateway names, optionally as <namespace>/<name>")
@ValidationRule(
    value =
        "!has(self.timeout) || !has(self.retries) || !has(self.retries.perTryTimeout)"
            + " || duration(self.retries.perTryTimeout) <= duration(self.timeout)",
    fieldPath = ".retries.perTryTimeout",
    message = "retries.perTryTimeout must not exceed timeout")
@ValidationRule(
    value = "!has(self.timeout) || duration(self.timeout) >= duration('1ms')",
    fieldPath = ".timeout",
    message = "timeout must be at least 1ms")
@ValidationRule(
    value =
        "!has(self.publicPaths) || self.publicPaths.all(p, p.matches('"
            + Traffic.PUBLIC_PATH
            + "'))",
    fieldPath = ".publicPaths",
    message =
        "publicPaths are request paths such as /orders, or prefixes ending in * such as /orders/*"
            + " (no other wildcards, no query)")
@ValidationRule(
    value =
        "(has(self.publicPaths) && size(self.publicPaths) > 0)"
            + " || ((!has(self.hosts) || size(self.hosts) == 0)"
            + " && (!has(self.gateways) || size(self.gateways) == 0))",
    fieldPath = ".publicPaths",
    message =
        "publicPaths is required with hosts or gateways: the ingress gateway reaches only the paths"
            + " a service declares public, such as /orders/*")
public record Traffic(
    @Size(max = 32) List<@Size(max = 253) String> hosts,
    @Size(max = 16) List<@Size(max = 253) String> gateways,
    @Size(max = 64) List<@Size(max = 256) String> publicPaths,
    @Size(max = 32) @Pattern(Durations.PATTERN) String timeout,
    Retries retries,
    CircuitBreaker circuitBreaker) {

  /**
   * An exact path or a prefix ending in {@code *}, in the forms an Istio AuthorizationPolicy
   * matches.
   */
  static final String PUBLIC_PATH = "^/[-A-Za-z0-9._~%!$&()+,;=:@/]*[*]?$";

  public static final Traffic NONE = new Traffic(null, null, null, null, null, null);

  public Traffic {
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
    gateways = gateways == null ? List.of() : List.copyOf(gateways);
    publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
  }

  /** Whether the ingress gateway routes to this service at all. */
  public boolean exposed() {
    return !hosts.isEmpty() || !gateways.isEmpty();
  }
}
