package dev.gantry.discovery;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads {@link DiscoverySettings} and {@link EtcdAccess} from configuration. Environment variables
 * map onto these properties the usual Micronaut way ({@code GANTRY_ETCD_ENDPOINTS} → {@code
 * gantry.etcd.endpoints}).
 */
@Factory
class DiscoveryConfiguration {

  @Singleton
  DiscoverySettings discoverySettings(
      @Value("${gantry.service.name:unknown}") String serviceName,
      @Value("${gantry.namespace:default}") String namespace,
      @Value("${gantry.revision:local}") String revision,
      @Value("${gantry.version:0.0.0}") String version,
      @Value("${gantry.discovery.mode:registry}") String mode,
      @Value("${gantry.etcd.endpoints:}") String etcdEndpoints,
      @Value("${gantry.pod.ip:}") String podIp,
      @Value("${gantry.port:8080}") int port,
      @Value("${gantry.discovery.dns-port:80}") int dnsPort,
      @Value("${gantry.discovery.lease-ttl:10s}") Duration leaseTtl,
      @Value("${gantry.discovery.resync-interval:5s}") Duration resyncInterval,
      @Value("${gantry.discovery.stale-after:60s}") Duration staleAfter) {
    return new DiscoverySettings(
        serviceName,
        namespace.isBlank() ? "default" : namespace,
        revision,
        version,
        DiscoveryMode.parse(mode),
        DiscoverySettings.parseEndpoints(etcdEndpoints),
        podIp.isBlank() ? DiscoverySettings.localAddress() : podIp,
        port,
        dnsPort,
        leaseTtl,
        resyncInterval,
        staleAfter);
  }

  @Singleton
  EtcdAccess etcdAccess(
      DiscoverySettings settings,
      @Value("${gantry.etcd.ca-file:}") String caFile,
      @Value("${gantry.etcd.cert-file:}") String certFile,
      @Value("${gantry.etcd.key-file:}") String keyFile,
      @Value("${gantry.etcd.username:}") String username,
      @Value("${gantry.etcd.password-file:}") String passwordFile) {
    return new EtcdAccess(
            path(caFile), path(certFile), path(keyFile), text(username), path(passwordFile))
        .validatedFor(settings.etcdEndpoints());
  }

  private static Optional<String> text(String value) {
    return value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private static Optional<Path> path(String value) {
    return text(value).map(Path::of);
  }
}
