package dev.gantry.discovery;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.discovery.DiscoveryClient;
import io.micronaut.discovery.ServiceInstance;
import io.micronaut.health.HealthStatus;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;

/**
 * Micronaut's {@link DiscoveryClient} for {@code @Client(id = "<service>")}: answers from the local
 * registry cache through {@link ServiceResolver}, so a lookup never waits for etcd. Micronaut's
 * client-side load balancer picks among the instances returned.
 */
@Singleton
public class GantryDiscoveryClient implements DiscoveryClient {
  private final DiscoverySettings settings;
  private final Optional<RegistryView> registry;

  GantryDiscoveryClient(DiscoverySettings settings, Optional<RegistryView> registry) {
    this.settings = settings;
    this.registry = registry;
  }

  /** The addresses a call to {@code service} may go to right now. */
  public List<ResolvedAddress> resolve(String service) {
    List<RegisteredInstance> known = registry.map(RegistryView::instances).orElse(List.of());
    RegistryState state = registry.map(RegistryView::state).orElse(RegistryState.UNSYNCED);
    return ServiceResolver.resolve(service, settings, known, state);
  }

  @Override
  public Publisher<List<ServiceInstance>> getInstances(String serviceId) {
    List<ServiceInstance> instances =
        resolve(serviceId).stream().map(address -> toServiceInstance(serviceId, address)).toList();
    return Publishers.just(instances);
  }

  @Override
  public Publisher<List<String>> getServiceIds() {
    List<String> ids =
        registry.map(RegistryView::instances).orElse(List.of()).stream()
            .map(r -> r.instance().service())
            .distinct()
            .sorted()
            .toList();
    return Publishers.just(ids);
  }

  @Override
  public String getDescription() {
    return "gantry";
  }

  @Override
  public void close() {
    // the registry connection has its own lifecycle
  }

  private static ServiceInstance toServiceInstance(String serviceId, ResolvedAddress address) {
    ServiceInstance.Builder builder =
        ServiceInstance.builder(serviceId, address.uri()).status(HealthStatus.UP);
    RegisteredInstance registered = address.instance();
    if (registered != null) {
      builder
          .instanceId(registered.id())
          .metadata(
              Map.of(
                  "revision", registered.instance().revision(),
                  "version", registered.instance().version(),
                  "source", address.source()));
    } else {
      builder.metadata(Map.of("source", address.source()));
    }
    return builder.build();
  }
}
