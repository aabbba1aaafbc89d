package dev.gantry.discovery.etcd;

import dev.gantry.discovery.DiscoverySettings;
import io.etcd.jetcd.Client;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The one jetcd client of a service. Short retries: callers bound every wait themselves and try
 * again later.
 */
@Factory
class EtcdClientFactory {

  @Singleton
  @RegistryEnabled
  @Bean(preDestroy = "close")
  Client etcdClient(DiscoverySettings settings) {
    return Client.builder()
        .endpoints(settings.etcdEndpoints().toArray(String[]::new))
        .connectTimeout(Duration.ofSeconds(2))
        .retryMaxDuration(Duration.ofSeconds(2))
        .keepaliveTime(Duration.ofSeconds(10))
        .keepaliveTimeout(Duration.ofSeconds(3))
        .build();
  }
}
