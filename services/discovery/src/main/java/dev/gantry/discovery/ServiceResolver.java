package dev.gantry.discovery;

import java.net.URI;
import java.util.Comparator;
import java.util.List;

/**
 * Decides where a call to a service goes. Pure: the same inputs always give the same addresses.
 *
 * <ul>
 *   <li>mesh mode: the Kubernetes DNS name only, so Istio's weights, retries and policy apply;
 *   <li>registry mode: every registered instance that is UP (the HTTP client balances across them)
 *       — from the last view seen when etcd has been away for long, marked stale, because outside a
 *       mesh the DNS name may not resolve at all;
 *   <li>a registry never synced, or nobody UP: the DNS name.
 * </ul>
 */
public final class ServiceResolver {
  private ServiceResolver() {}

  public static List<ResolvedAddress> resolve(
      String service,
      DiscoverySettings settings,
      List<RegisteredInstance> registered,
      RegistryState state) {
    if (settings.mode() == DiscoveryMode.MESH || state == RegistryState.UNSYNCED) {
      return List.of(ResolvedAddress.dns(dnsName(service, settings)));
    }
    List<ResolvedAddress> up =
        registered.stream()
            .filter(r -> r.instance().service().equals(service) && r.instance().isUp())
            .sorted(Comparator.comparing(RegisteredInstance::id))
            .map(
                r ->
                    ResolvedAddress.registered(
                        URI.create(
                            "http://"
                                + hostLiteral(r.instance().address())
                                + ":"
                                + r.instance().port()),
                        r,
                        state == RegistryState.STALE))
            .toList();
    return up.isEmpty() ? List.of(ResolvedAddress.dns(dnsName(service, settings))) : up;
  }

  /**
   * {@code http://<service>.<namespace>.svc[:<dns-port>]}: the name Kubernetes (and Istio) answer
   * for.
   */
  public static URI dnsName(String service, DiscoverySettings settings) {
    String port = settings.dnsPort() == 80 ? "" : ":" + settings.dnsPort();
    return URI.create("http://" + service + "." + settings.namespace() + ".svc" + port);
  }

  private static String hostLiteral(String address) {
    return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
  }
}
