package dev.gantry.operator.tenancy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A platform engineer's limits on what teams may declare. Every field a team controls that could
 * reach beyond its namespace is checked against these; nothing here comes from a team.
 *
 * @param allowedDomains the public domains teams may route, each for some namespaces or all
 * @param allowedGateways Istio Gateways ({@code <namespace>/<name>}) routes may bind to
 * @param secretReferences which Secrets a Microservice's environment may read
 * @param minAnalysisInterval canary analysis checks at most this often; a shorter {@code interval}
 *     counts as this one, so one team cannot flood the Prometheus every team shares
 * @param tenantLabel the label that holds a series' namespace in Prometheus; a team's own query
 *     reads only series whose label is the team's namespace
 */
public record TenantPolicy(
    List<DomainGrant> allowedDomains,
    Set<String> allowedGateways,
    SecretReferences secretReferences,
    Duration minAnalysisInterval,
    String tenantLabel) {

  /** Any namespace may use the domain. */
  public static final String ANY_NAMESPACE = "*";

  public static final String DEFAULT_GATEWAY = "istio-system/gantry-gateway";

  /**
   * Nothing public may be routed; the shipped gateway only; Secrets named after the Microservice; a
   * check every 10 seconds at most.
   */
  public static final TenantPolicy DEFAULT =
      new TenantPolicy(
          List.of(),
          Set.of(DEFAULT_GATEWAY),
          SecretReferences.Prefixed,
          Duration.ofSeconds(10),
          "namespace");

  public TenantPolicy {
    allowedDomains = List.copyOf(allowedDomains);
    allowedGateways = Set.copyOf(allowedGateways);
  }

  /** Which Secrets a Microservice's {@code env[].valueFrom.secretKeyRef} may name. */
  public enum SecretReferences {
    /** Any Secret of its namespace: whoever may write Microservices may read every Secret there. */
    Namespace,
    /**
     * Only Secrets named {@code <microservice>-…}, so a service cannot read platform or other
     * services' Secrets.
     */
    Prefixed,
    /** None: configuration comes from {@code config} and literal {@code env} only. */
    None
  }

  /**
   * A domain and the namespaces that may route it and its subdomains.
   *
   * @param namespaces namespace names, or {@link #ANY_NAMESPACE}
   */
  public record DomainGrant(String domain, Set<String> namespaces) {

    public DomainGrant {
      namespaces = Set.copyOf(namespaces);
    }

    boolean covers(String host) {
      return host.equals(domain) || host.endsWith("." + domain);
    }

    boolean grantedTo(String namespace) {
      return namespaces.contains(ANY_NAMESPACE) || namespaces.contains(namespace);
    }
  }

  /** Whether a Microservice in {@code namespace} may route {@code host}. */
  public boolean allowsHost(String namespace, String host) {
    return allowedDomains.stream().anyMatch(g -> g.covers(host) && g.grantedTo(namespace));
  }

  /** The domains granted to {@code namespace}, for messages that say what would be allowed. */
  public List<String> domainsFor(String namespace) {
    return allowedDomains.stream()
        .filter(g -> g.grantedTo(namespace))
        .map(DomainGrant::domain)
        .sorted()
        .toList();
  }

  /**
   * Reads {@code domain=namespace,namespace;domain=*} (the form of {@code GANTRY_ALLOWED_DOMAINS}).
   * Fails naming the entry that is malformed.
   */
  public static List<DomainGrant> parseDomains(String text) {
    List<DomainGrant> grants = new ArrayList<>();
    for (String entry : text.split(";")) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(
            "'" + entry.trim() + "': expected <domain>=<namespace>[,<namespace>…] or <domain>=*");
      }
      String domain = entry.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      if (!dev.gantry.operator.api.HostNames.wellFormed(domain)) {
        throw new IllegalArgumentException(
            "'" + domain + "' is not an external DNS domain such as shop.example.com");
      }
      Set<String> namespaces = new LinkedHashSet<>();
      Arrays.stream(entry.substring(eq + 1).split(","))
          .map(String::trim)
          .filter(n -> !n.isEmpty())
          .forEach(namespaces::add);
      if (namespaces.isEmpty()) {
        throw new IllegalArgumentException(
            "'" + domain + "' names no namespace; use * for every namespace");
      }
      grants.add(new DomainGrant(domain, namespaces));
    }
    return grants;
  }
}
