package dev.gantry.operator.reconcile;

import dev.gantry.operator.api.Kafka;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Who calls whom: a service's AuthorizationPolicy admits the Microservices whose {@code dependsOn}
 * names it, so a change to one Microservice's dependencies reconciles the ones it names. The API
 * gate looks both ways along the same edges (and along Kafka topics): a consumer that changes what
 * it uses or reads wakes its providers and producers, and a provider whose stable revision changes
 * wakes its consumers.
 */
final class Callers {

  static final String EVENT_SOURCE = "depends-on";

  private Callers() {}

  /**
   * Names of the Microservices in {@code ms}'s namespace that depend on it, sorted. Read from the
   * same informer whose events announce a changed dependency, so the change is always seen.
   */
  static List<String> of(Microservice ms, Context<Microservice> context) {
    String name = ms.getMetadata().getName();
    return namespace(ms, context)
        .filter(other -> other.getSpec().dependsOn().contains(name))
        .map(other -> other.getMetadata().getName())
        .sorted()
        .toList();
  }

  /**
   * The Microservices of {@code ms}'s namespace that are not being deleted, {@code ms} included.
   */
  @SuppressWarnings("unchecked")
  static Stream<Microservice> namespace(Microservice ms, Context<Microservice> context) {
    var source =
        (InformerEventSource<Microservice, Microservice>)
            context.eventSourceRetriever().getEventSourceFor(Microservice.class, EVENT_SOURCE);
    return source
        .list(ms.getMetadata().getNamespace())
        .filter(other -> other.getMetadata().getDeletionTimestamp() == null)
        .filter(other -> other.getSpec() != null);
  }

  /**
   * Microservices as their callees see them: a caller that appears, goes, or changes its {@code
   * dependsOn} wakes the services it names now and the ones it named before (remembered here, since
   * a watch event carries only the new object). Status changes wake nobody.
   */
  static InformerEventSource<Microservice, Microservice> eventSource(
      EventSourceContext<Microservice> context) {
    Map<ResourceID, Named> named = new ConcurrentHashMap<>();
    AtomicReference<InformerEventSource<Microservice, Microservice>> self = new AtomicReference<>();
    var configuration =
        InformerEventSourceConfiguration.from(Microservice.class, Microservice.class)
            .withName(EVENT_SOURCE)
            .withNamespacesInheritedFromController()
            .withOnUpdateFilter(
                (updated, old) ->
                    !Objects.equals(updated.getSpec().dependsOn(), old.getSpec().dependsOn())
                        || !Objects.equals(updated.getSpec().api(), old.getSpec().api())
                        || !Objects.equals(updated.getSpec().kafka(), old.getSpec().kafka())
                        || !Objects.equals(stable(updated), stable(old)))
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
                  callees.addAll(contractNeighbours(caller, self.get()));
                  return callees;
                })
            .build();
    var source = new InformerEventSource<>(configuration, context);
    self.set(source);
    return source;
  }

  private static String stable(Microservice ms) {
    return ms.getStatus() == null ? null : ms.getStatus().stableRevision();
  }

  /**
   * The Microservices whose API-compatibility judgement depends on {@code changed}: those that
   * depend on it, and those on the other side of a topic it produces or consumes. Only services
   * that take part in the gate (declare an {@code api}) are woken.
   */
  private static Set<ResourceID> contractNeighbours(
      Microservice changed, InformerEventSource<Microservice, Microservice> all) {
    if (all == null) {
      return Set.of();
    }
    String name = changed.getMetadata().getName();
    Kafka kafka = changed.getSpec().kafka();
    List<String> produces = kafka == null ? List.of() : kafka.produces();
    List<String> consumes = kafka == null ? List.of() : kafka.consumes();
    Set<ResourceID> out = new HashSet<>();
    all.list(changed.getMetadata().getNamespace())
        .filter(other -> other.getSpec() != null && other.getSpec().api() != null)
        .filter(other -> !other.getMetadata().getName().equals(name))
        .filter(
            other -> {
              Kafka theirs = other.getSpec().kafka();
              return other.getSpec().dependsOn().contains(name)
                  || (theirs != null
                      && (theirs.produces().stream().anyMatch(consumes::contains)
                          || theirs.consumes().stream().anyMatch(produces::contains)));
            })
        .forEach(other -> out.add(ResourceID.fromResource(other)));
    return out;
  }

  /** What a caller named at one version of it, and at the version before. */
  private record Named(String version, List<String> now, List<String> before) {}
}
