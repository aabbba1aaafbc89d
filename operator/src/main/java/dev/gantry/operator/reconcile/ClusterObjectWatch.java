package dev.gantry.operator.reconcile;

import dev.gantry.operator.api.Microservice;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A watch on one cluster-scoped object, by name, whose every change concerns every Microservice (a
 * CRD that appears, an admission policy that goes). Watching by name keeps all other objects of the
 * kind out of memory, and lets the operator's role name the objects it reads.
 */
final class ClusterObjectWatch {

  private ClusterObjectWatch() {}

  static <R extends HasMetadata> InformerEventSource<R, Microservice> eventSource(
      EventSourceContext<Microservice> context,
      Class<R> kind,
      String objectName,
      String sourceName) {
    var configuration =
        InformerEventSourceConfiguration.from(kind, Microservice.class)
            .withName(sourceName)
            .withWatchAllNamespaces()
            .withFieldSelector(
                new FieldSelector(new FieldSelector.Field("metadata.name", objectName)))
            .withSecondaryToPrimaryMapper(
                object ->
                    context
                        .getPrimaryCache()
                        .list()
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .build();
    return new InformerEventSource<>(configuration, context);
  }

  /** The watched object as the watch last saw it. */
  @SuppressWarnings("unchecked")
  static <R extends HasMetadata> Optional<R> current(
      Context<Microservice> context, Class<R> kind, String objectName, String sourceName) {
    var source =
        (InformerEventSource<R, Microservice>)
            context.eventSourceRetriever().getEventSourceFor(kind, sourceName);
    return source.get(new ResourceID(objectName, null));
  }
}
