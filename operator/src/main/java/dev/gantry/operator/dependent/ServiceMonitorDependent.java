package dev.gantry.operator.dependent;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.render.ServiceMonitors;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The Prometheus-Operator ServiceMonitor, unless monitoring is switched off. */
@KubernetesDependent(
    informer =
        @Informer(
            labelSelector = Labels.MANAGED_SELECTOR,
            itemStore = CompactManagedFieldsStore.class))
public class ServiceMonitorDependent extends MicroserviceChild<ServiceMonitor> {

  public static final String NAME = "servicemonitor";

  public ServiceMonitorDependent() {
    super(ServiceMonitor.class);
  }

  @Override
  protected ServiceMonitor desired(Microservice ms, Context<Microservice> context) {
    return ServiceMonitors.desired(ms);
  }

  /** {@code spec.monitoring.enabled} is true (the default). */
  public static class MonitoringRequested implements Condition<ServiceMonitor, Microservice> {
    @Override
    public boolean isMet(
        DependentResource<ServiceMonitor, Microservice> dependent,
        Microservice ms,
        Context<Microservice> context) {
      return ms.getSpec().monitoring().enabled();
    }
  }
}
