package dev.gantry.operator.reconcile;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.ReleaseGroup;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Which release group releases a Microservice: the oldest group of its namespace that lists it (a
 * Microservice belongs to one group; a younger group that lists it too is told so in its status). A
 * group's change wakes the members it lists now and the ones it listed before, so a member that
 * leaves goes back to its own {@code rollout} block.
 */
final class ReleaseGroups {

  static final String EVENT_SOURCE = "release-groups";

  /** Oldest first; the name breaks a tie. */
  static final Comparator<ReleaseGroup> OLDEST_FIRST =
      Comparator.comparing((ReleaseGroup g) -> g.getMetadata().getCreationTimestamp())
          .thenComparing(g -> g.getMetadata().getName());

  private ReleaseGroups() {}

  static InformerEventSource<ReleaseGroup, Microservice> eventSource(
      EventSourceContext<Microservice> context) {
    Map<ResourceID, Listed> listed = new ConcurrentHashMap<>();
    var configuration =
        InformerEventSourceConfiguration.from(ReleaseGroup.class, Microservice.class)
            .withName(EVENT_SOURCE)
            .withNamespacesInheritedFromController()
            .withSecondaryToPrimaryMapper(
                group -> {
                  String version = group.getMetadata().getResourceVersion();
                  Listed entry =
                      listed.compute(
                          ResourceID.fromResource(group),
                          (id, last) ->
                              last != null && last.version().equals(version)
                                  ? last
                                  : new Listed(
                                      version,
                                      group.getSpec().members(),
                                      last == null ? List.of() : last.now()));
                  Set<ResourceID> members = new HashSet<>();
                  String namespace = group.getMetadata().getNamespace();
                  entry.now().forEach(m -> members.add(new ResourceID(m, namespace)));
                  entry.before().forEach(m -> members.add(new ResourceID(m, namespace)));
                  return members;
                })
            .build();
    return new InformerEventSource<>(configuration, context);
  }

  /** Every release group the Microservice controller sees. */
  static Stream<ReleaseGroup> all(Context<Microservice> context) {
    return source(context).list();
  }

  /** The group that releases {@code ms}, if one lists it. */
  static Optional<ReleaseGroup> of(Microservice ms, Context<Microservice> context) {
    return owner(ms.getMetadata().getName(), source(context).list(ms.getMetadata().getNamespace()));
  }

  @SuppressWarnings("unchecked")
  private static InformerEventSource<ReleaseGroup, Microservice> source(
      Context<Microservice> context) {
    return (InformerEventSource<ReleaseGroup, Microservice>)
        context.eventSourceRetriever().getEventSourceFor(ReleaseGroup.class, EVENT_SOURCE);
  }

  /** Of the groups of one namespace, the one that releases {@code member}. */
  static Optional<ReleaseGroup> owner(String member, Stream<ReleaseGroup> namespace) {
    return namespace
        .filter(g -> g.getMetadata().getDeletionTimestamp() == null)
        .filter(g -> g.getSpec() != null && g.getSpec().members().contains(member))
        .min(OLDEST_FIRST);
  }

  /** {@code group}'s members that an older group releases, with that group's name. */
  static Map<String, String> elsewhere(ReleaseGroup group, List<ReleaseGroup> namespace) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String member : group.getSpec().members()) {
      owner(member, namespace.stream())
          .filter(o -> !o.getMetadata().getName().equals(group.getMetadata().getName()))
          .ifPresent(o -> out.put(member, o.getMetadata().getName()));
    }
    return out;
  }

  /** What a group listed at one version, and at the version before. */
  private record Listed(String version, List<String> now, List<String> before) {}
}
