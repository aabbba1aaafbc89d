package dev.gantry.discovery;

import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.management.endpoint.annotation.Read;
import io.micronaut.management.endpoint.annotation.Selector;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /registry}: every registered instance in the namespace by service, revision and
 * version; {@code GET /registry/<service>}: one service, with where this instance would send its
 * calls.
 */
@Endpoint(id = "registry", defaultSensitive = false)
public class RegistryEndpoint {
  private final DiscoverySettings settings;
  private final Optional<RegistryView> registry;
  private final GantryDiscoveryClient discovery;

  RegistryEndpoint(
      DiscoverySettings settings,
      Optional<RegistryView> registry,
      GantryDiscoveryClient discovery) {
    this.settings = settings;
    this.registry = registry;
    this.discovery = discovery;
  }

  @Read
  public RegistryReport registry() {
    return report(registry.map(RegistryView::instances).orElse(List.of()));
  }

  @Read
  public RegistryReport.ServiceReport service(@Selector String service) {
    List<RegisteredInstance> ofService =
        registry.map(RegistryView::instances).orElse(List.of()).stream()
            .filter(r -> r.instance().service().equals(service))
            .toList();
    RegistryReport.ServiceReport report = report(ofService).services().get(service);
    return report != null
        ? report
        : new RegistryReport.ServiceReport(discovery.resolve(service), java.util.Map.of());
  }

  private RegistryReport report(List<RegisteredInstance> instances) {
    return RegistryReport.of(
        settings,
        instances,
        registry.isPresent(),
        registry.map(RegistryView::reachable).orElse(false),
        registry.map(RegistryView::state).orElse(RegistryState.UNSYNCED),
        discovery::resolve);
  }
}
