package dev.gantry.discovery;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What runs where, as people read it: services → revisions → versions and instances, plus where
 * this instance would send a call to each service.
 */
@Serdeable
public record RegistryReport(
    String self,
    String namespace,
    String mode,
    boolean registryEnabled,
    boolean registryReachable,
    RegistryState registryState,
    Map<String, ServiceReport> services) {

  @Serdeable
  public record ServiceReport(
      List<ResolvedAddress> resolvesTo, Map<String, RevisionReport> revisions) {}

  @Serdeable
  public record RevisionReport(SortedSet<String> versions, List<RegisteredInstance> instances) {}

  /** Groups the registered instances by service and revision. Pure. */
  public static RegistryReport of(
      DiscoverySettings settings,
      List<RegisteredInstance> instances,
      boolean enabled,
      boolean reachable,
      RegistryState state,
      java.util.function.Function<String, List<ResolvedAddress>> resolver) {
    Map<String, ServiceReport> services = new TreeMap<>();
    Map<String, List<RegisteredInstance>> byService =
        instances.stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.instance().service(), TreeMap::new, Collectors.toList()));
    byService.forEach(
        (service, ofService) -> {
          Map<String, RevisionReport> revisions = new TreeMap<>();
          ofService.stream()
              .collect(
                  Collectors.groupingBy(
                      r -> r.instance().revision(), TreeMap::new, Collectors.toList()))
              .forEach(
                  (revision, ofRevision) ->
                      revisions.put(
                          revision,
                          new RevisionReport(
                              ofRevision.stream()
                                  .map(r -> r.instance().version())
                                  .collect(Collectors.toCollection(TreeSet::new)),
                              ofRevision.stream()
                                  .sorted(Comparator.comparing(RegisteredInstance::id))
                                  .toList())));
          services.put(service, new ServiceReport(resolver.apply(service), revisions));
        });
    return new RegistryReport(
        settings.serviceName(),
        settings.namespace(),
        settings.mode().name().toLowerCase(java.util.Locale.ROOT),
        enabled,
        reachable,
        state,
        services);
  }
}
