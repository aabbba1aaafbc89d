package dev.gantry.operator.dependent;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.render.VirtualServices;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The Istio VirtualService carrying the traffic split the rollout decided. */
@KubernetesDependent(
    informer =
        @Informer(
            labelSelector = Labels.MANAGED_SELECTOR,
            itemStore = CompactManagedFieldsStore.class))
public class VirtualServiceDependent extends MicroserviceChild<VirtualService> {

  public static final String NAME = "virtualservice";

  public VirtualServiceDependent() {
    super(VirtualService.class);
  }

  @Override
  protected VirtualService desired(Microservice ms, Context<Microservice> context) {
    var state = ReconcileState.of(context);
    return VirtualServices.desired(state.admitted(), state.platform(), state.plan().routing());
  }
}
