package dev.gantry.operator.dependent;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.render.Autoscalers;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * The HorizontalPodAutoscaler, while {@code spec.autoscaling} is set; deleted when it is removed.
 */
@KubernetesDependent(
    informer =
        @Informer(
            labelSelector = Labels.MANAGED_SELECTOR,
            itemStore = CompactManagedFieldsStore.class))
public class HorizontalPodAutoscalerDependent extends MicroserviceChild<HorizontalPodAutoscaler> {

  public static final String NAME = "horizontalpodautoscaler";

  public HorizontalPodAutoscalerDependent() {
    super(HorizontalPodAutoscaler.class);
  }

  @Override
  protected HorizontalPodAutoscaler desired(Microservice ms, Context<Microservice> context) {
    return Autoscalers.desired(ms);
  }

  /** {@code spec.autoscaling} is set. */
  public static class AutoscalingRequested
      implements Condition<HorizontalPodAutoscaler, Microservice> {
    @Override
    public boolean isMet(
        DependentResource<HorizontalPodAutoscaler, Microservice> dependent,
        Microservice ms,
        Context<Microservice> context) {
      return ms.getSpec().autoscaling() != null;
    }
  }
}
