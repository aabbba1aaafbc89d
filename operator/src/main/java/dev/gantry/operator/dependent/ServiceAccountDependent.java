package dev.gantry.operator.dependent;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.render.ServiceAccounts;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The service's own ServiceAccount: its identity in the mesh. */
@KubernetesDependent(
    informer =
        @Informer(
            labelSelector = Labels.MANAGED_SELECTOR,
            itemStore = CompactManagedFieldsStore.class))
public class ServiceAccountDependent extends MicroserviceChild<ServiceAccount> {

  public static final String NAME = "serviceaccount";

  public ServiceAccountDependent() {
    super(ServiceAccount.class);
  }

  @Override
  protected ServiceAccount desired(Microservice ms, Context<Microservice> context) {
    return ServiceAccounts.desired(ms);
  }
}
