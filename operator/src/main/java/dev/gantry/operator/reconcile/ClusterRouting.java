package dev.gantry.operator.reconcile;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.dependent.DestinationRuleDependent;
import dev.gantry.operator.dependent.ServiceDependent;
import dev.gantry.operator.dependent.VirtualServiceDependent;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.render.DestinationRules;
import dev.gantry.operator.render.VirtualServices;
import dev.gantry.operator.rollout.Recovery;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.NoEventSourceForClassException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Optional;

/** Where the routes Gantry wrote send traffic, as the informers' caches hold them. */
final class ClusterRouting {

  private ClusterRouting() {}

  static Recovery.Routed of(Microservice ms, Context<Microservice> context, boolean mesh) {
    ResourceID id = ResourceID.fromResource(ms);
    Optional<DestinationRule> rule =
        mesh
            ? ClusterRouting.<DestinationRule>cached(
                context, DestinationRule.class, DestinationRuleDependent.NAME, id)
            : Optional.empty();
    String serviceRevision =
        ClusterRouting.<Service>cached(context, Service.class, ServiceDependent.NAME, id)
            .map(
                service ->
                    service.getSpec().getSelector() == null
                        ? null
                        : service.getSpec().getSelector().get(Labels.REVISION))
            .orElse(null);
    int canaryWeight =
        mesh
            ? ClusterRouting.<VirtualService>cached(
                    context, VirtualService.class, VirtualServiceDependent.NAME, id)
                .map(VirtualServices::canaryWeight)
                .orElse(0)
            : 0;
    return new Recovery.Routed(
        subsetRevision(rule, DestinationRules.STABLE),
        serviceRevision,
        subsetRevision(rule, DestinationRules.CANARY),
        canaryWeight);
  }

  private static String subsetRevision(Optional<DestinationRule> rule, String subset) {
    return rule.map(DestinationRule::getSpec)
        .flatMap(
            spec ->
                spec.getSubsets() == null
                    ? Optional.empty()
                    : spec.getSubsets().stream()
                        .filter(s -> subset.equals(s.getName()))
                        .findFirst())
        .map(s -> s.getLabels() == null ? null : s.getLabels().get(Labels.REVISION))
        .orElse(null);
  }

  /**
   * The object as the dependent's informer holds it; empty before the dependent's informer exists
   * (a dependent activated by a condition registers it on its first reconciliation).
   */
  @SuppressWarnings("unchecked")
  private static <R extends HasMetadata> Optional<R> cached(
      Context<Microservice> context, Class<R> kind, String dependent, ResourceID id) {
    try {
      var source =
          (InformerEventSource<R, Microservice>)
              context.eventSourceRetriever().getEventSourceFor(kind, dependent);
      return source.get(id);
    } catch (NoEventSourceForClassException e) {
      return Optional.empty();
    }
  }
}
