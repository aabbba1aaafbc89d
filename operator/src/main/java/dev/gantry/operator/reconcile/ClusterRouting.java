package dev.gantry.operator.reconcile;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.dependent.DestinationRuleDependent;
import dev.gantry.operator.dependent.ServiceDependent;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.render.DestinationRules;
import dev.gantry.operator.rollout.Recovery;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Optional;

/** Which revision the routes Gantry wrote send traffic to, as the informers' caches hold them. */
final class ClusterRouting {

  private ClusterRouting() {}

  static Recovery.Routed of(Microservice ms, Context<Microservice> context, boolean mesh) {
    ResourceID id = ResourceID.fromResource(ms);
    String stableSubset =
        !mesh
            ? null
            : ClusterRouting.<DestinationRule>cached(
                    context, DestinationRule.class, DestinationRuleDependent.NAME, id)
                .map(DestinationRule::getSpec)
                .flatMap(
                    spec ->
                        spec.getSubsets() == null
                            ? Optional.empty()
                            : spec.getSubsets().stream()
                                .filter(s -> DestinationRules.STABLE.equals(s.getName()))
                                .findFirst())
                .map(
                    subset ->
                        subset.getLabels() == null ? null : subset.getLabels().get(Labels.REVISION))
                .orElse(null);
    String serviceRevision =
        ClusterRouting.<Service>cached(context, Service.class, ServiceDependent.NAME, id)
            .map(
                service ->
                    service.getSpec().getSelector() == null
                        ? null
                        : service.getSpec().getSelector().get(Labels.REVISION))
            .orElse(null);
    return new Recovery.Routed(stableSubset, serviceRevision);
  }

  @SuppressWarnings("unchecked")
  private static <R extends HasMetadata> Optional<R> cached(
      Context<Microservice> context, Class<R> kind, String dependent, ResourceID id) {
    var source =
        (InformerEventSource<R, Microservice>)
            context.eventSourceRetriever().getEventSourceFor(kind, dependent);
    return source.get(id);
  }
}
