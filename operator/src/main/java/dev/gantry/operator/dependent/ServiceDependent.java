package dev.gantry.operator.dependent;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.render.Services;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The Service {@code <name>} in front of every revision. */
@KubernetesDependent(
    informer =
        @Informer(
            labelSelector = Labels.MANAGED_SELECTOR,
            itemStore = CompactManagedFieldsStore.class))
public class ServiceDependent extends MicroserviceChild<Service> {

  public static final String NAME = "service";

  public ServiceDependent() {
    super(Service.class);
  }

  @Override
  protected Service desired(Microservice ms, Context<Microservice> context) {
    return Services.desired(ms, ReconcileState.of(context).plan().routing());
  }
}
