package dev.gantry.operator.dependent;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.Rollout;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.render.Services;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * Blue-green's preview: the Service {@code <name>-preview} in front of the new revision while it
 * waits for the switch (the stable one otherwise), reachable with or without a mesh.
 */
@KubernetesDependent(
    informer =
        @Informer(
            labelSelector = Labels.MANAGED_SELECTOR,
            itemStore = CompactManagedFieldsStore.class))
public class PreviewServiceDependent extends MicroserviceChild<Service> {

  public static final String NAME = "preview-service";

  public PreviewServiceDependent() {
    super(Service.class);
  }

  @Override
  protected Service desired(Microservice ms, Context<Microservice> context) {
    return Services.preview(ms, ReconcileState.of(context).plan().routing());
  }

  @Override
  protected ResourceID targetSecondaryResourceID(
      Microservice primary, Context<Microservice> context) {
    return new ResourceID(
        Services.previewName(primary.getMetadata().getName()),
        primary.getMetadata().getNamespace());
  }

  /** The strategy is BlueGreen. */
  public static class BlueGreenStrategy implements Condition<Service, Microservice> {
    @Override
    public boolean isMet(
        DependentResource<Service, Microservice> dependent,
        Microservice ms,
        Context<Microservice> context) {
      return ms.getSpec().rollout().strategy() == Rollout.Strategy.BlueGreen;
    }
  }
}
