package dev.gantry.operator.reconcile;

import dev.gantry.operator.api.Microservice;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who calls whom: a service's AuthorizationPolicy admits the Microservices whose {@code dependsOn}
 * names it, so a change to one Microservice's dependencies reconciles the ones it names.
 */
final class Callers {

  static final String EVENT_SOURCE = "depends-on";

  private Callers() {}

  /**
   * Names of the Microservices in {@code ms}'s namespace that depend on it, sorted. Read from the
   * same informer whose events announce a changed dependency, so the change is always seen.
   */
  @SuppressWarnings("unchecked")
  static List<String> of(Microservice ms, Context<Microservice> context) {
    String name = ms.getMetadata().getName();
    var source =
        (InformerEventSource<Microservice, Microservice>)
            context.eventSourceRetriever().getEventSourceFor(Microservice.class, EVENT_SOURCE);
    return source
        .list(ms.getMetadata().getNamespace())
        .filter(other -> other.getMetadata().getDeletionTimestamp() == null)
        .filter(other -> other.getSpec() != null && other.getSpec().dependsOn().contains(name))
        .map(other -> other.getMetadata().getName())
        .sorted()
        .toList();
  }

  /**
   * Microservices as their callees see them: a caller that appears, goes, or changes its {@code
   * dependsOn} wakes the services it names now and the ones it named before (remembered here, since
   * a watch event carries only the new object). Status changes wake nobody.
   */
  static InformerEventSource<Microservice, Microservice> eventSource(
      EventSourceContext<Microservice> context) {
    Map<ResourceID, Named> named = new ConcurrentHashMap<>();
    var configuration =
        InformerEventSourceConfiguration.from(Microservice.class, Microservice.class)
            .withName(EVENT_SOURCE)
            .withNamespacesInheritedFromController()
            .withOnUpdateFilter(
                (updated, old) ->
                    !Objects.equals(updated.getSpec().dependsOn(), old.getSpec().dependsOn()))
            .withSecondaryToPrimaryMapper(
                caller -> {
                  // Called more than once per event (for the index, then for the event): keyed by
                  // version.
                  String version = caller.getMetadata().getResourceVersion();
                  Named entry =
                      named.compute(
                          ResourceID.fromResource(caller),
                          (id, last) ->
                              last != null && last.version().equals(version)
                                  ? last
                                  : new Named(
                                      version,
                                      caller.getSpec().dependsOn(),
                                      last == null ? List.of() : last.now()));
                  Set<ResourceID> callees = new HashSet<>();
                  String namespace = caller.getMetadata().getNamespace();
                  entry.now().forEach(callee -> callees.add(new ResourceID(callee, namespace)));
                  entry.before().forEach(callee -> callees.add(new ResourceID(callee, namespace)));
                  return callees;
                })
            .build();
    return new InformerEventSource<>(configuration, context);
  }

  /** What a caller named at one version of it, and at the version before. */
  private record Named(String version, List<String> now, List<String> before) {}
}
