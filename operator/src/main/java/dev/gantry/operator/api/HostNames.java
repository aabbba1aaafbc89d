package dev.gantry.operator.api;

/**
 * Which host names a team may put in {@code traffic.hosts} and {@code blueGreen.previewHosts}, as
 * far as the API server can tell without knowing the platform's settings: external DNS names only.
 * Whether a name is in a domain the platform lets the namespace use is decided by the platform's
 * allowed domains (see {@code tenancy}). The same patterns serve the CRD's CEL rules and the
 * operator, so the two can never disagree.
 */
public final class HostNames {

  /** Two or more lower-case DNS labels; no wildcard, no trailing dot. CEL and Java regex alike. */
  public static final String EXTERNAL_DNS_NAME =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$";

  /**
   * Names the cluster's DNS answers: services ({@code <svc>.<ns>.svc}, {@code
   * <svc>.<ns>.svc.<domain>}), pods ({@code <ip>.<ns>.pod.<domain>}), and anything under {@code
   * .local}. A route for one of these would capture another service's in-mesh traffic.
   */
  public static final String IN_CLUSTER =
      "^[^.]+\\\\.[^.]+\\\\.(svc|pod)(\\\\..*)?$|^(.*\\\\.)?local$";

  private HostNames() {}

  /** Whether a team may name {@code host} at all, whatever the platform allows. */
  public static boolean wellFormed(String host) {
    return !host.contains("*")
        && host.matches(javaRegex(EXTERNAL_DNS_NAME))
        && !host.matches(javaRegex(IN_CLUSTER));
  }

  /**
   * The patterns above are written for a CEL string inside Java source: one level of escaping less.
   */
  private static String javaRegex(String celPattern) {
    return celPattern.replace("\\\\", "\\");
  }
}
