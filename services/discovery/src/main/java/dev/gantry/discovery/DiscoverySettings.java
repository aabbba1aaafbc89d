package dev.gantry.discovery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The environment contract the operator injects into every service, as one value.
 *
 * @param serviceName {@code GANTRY_SERVICE_NAME}
 * @param namespace {@code GANTRY_NAMESPACE} (default {@code default})
 * @param revision {@code GANTRY_REVISION}
 * @param version {@code GANTRY_VERSION}
 * @param mode {@code GANTRY_DISCOVERY_MODE}, {@code mesh} or {@code registry} (default)
 * @param etcdEndpoints {@code GANTRY_ETCD_ENDPOINTS}, comma-separated; empty turns the registry off
 *     (DNS only)
 * @param address {@code GANTRY_POD_IP}, the address registered for this instance (default: a local
 *     address)
 * @param port {@code GANTRY_PORT}, the HTTP port (default 8080)
 * @param dnsPort port of the Kubernetes Service behind the DNS name ({@code
 *     gantry.discovery.dns-port}, default 80)
 * @param leaseTtl lifetime of the registration without keep-alives ({@code
 *     gantry.discovery.lease-ttl}, default 10s)
 * @param resyncInterval how often the registry view is re-read in full and the own registration
 *     checked
 * @param staleAfter how long the last registry view is trusted while etcd is unreachable; DNS after
 *     that
 */
public record DiscoverySettings(
    String serviceName,
    String namespace,
    String revision,
    String version,
    DiscoveryMode mode,
    List<String> etcdEndpoints,
    String address,
    int port,
    int dnsPort,
    Duration leaseTtl,
    Duration resyncInterval,
    Duration staleAfter) {

  public DiscoverySettings {
    etcdEndpoints = List.copyOf(etcdEndpoints);
    if (leaseTtl.toSeconds() < 2) {
      throw new IllegalArgumentException(
          "gantry.discovery.lease-ttl must be at least 2s, not " + leaseTtl);
    }
  }

  public boolean registryEnabled() {
    return !etcdEndpoints.isEmpty();
  }

  /** Parses {@code GANTRY_ETCD_ENDPOINTS}: comma-separated URLs, blanks ignored. */
  public static List<String> parseEndpoints(String value) {
    if (value == null || value.isBlank()) {
      return Collections.emptyList();
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /**
   * The first site-local IPv4 address of this host, else loopback: what a pod IP is when none is
   * given.
   */
  public static String localAddress() {
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
            return address.getHostAddress();
          }
        }
      }
    } catch (SocketException e) {
      // fall through to loopback
    }
    return InetAddress.getLoopbackAddress().getHostAddress();
  }
}
