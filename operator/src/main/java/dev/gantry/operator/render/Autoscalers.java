package dev.gantry.operator.render;

import dev.gantry.operator.api.Autoscaling;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;

/**
 * A HorizontalPodAutoscaler that scales the Microservice through its scale subresource, not a
 * Deployment: revisions come and go, the replica count belongs to the service.
 */
public final class Autoscalers {

  private Autoscalers() {}

  public static HorizontalPodAutoscaler desired(Microservice ms) {
    String name = ms.getMetadata().getName();
    Autoscaling autoscaling = ms.getSpec().autoscaling();
    return new HorizontalPodAutoscalerBuilder()
        .withMetadata(Labels.serviceMetadata(ms, name))
        .withNewSpec()
        .withNewScaleTargetRef()
        .withApiVersion(HasMetadata.getApiVersion(Microservice.class))
        .withKind(HasMetadata.getKind(Microservice.class))
        .withName(name)
        .endScaleTargetRef()
        .withMinReplicas(autoscaling.minReplicas())
        .withMaxReplicas(autoscaling.maxReplicas())
        .addNewMetric()
        .withType("Resource")
        .withNewResource()
        .withName("cpu")
        .withNewTarget()
        .withType("Utilization")
        .withAverageUtilization(autoscaling.targetCPUUtilizationPercentage())
        .endTarget()
        .endResource()
        .endMetric()
        .endSpec()
        .build();
  }
}
