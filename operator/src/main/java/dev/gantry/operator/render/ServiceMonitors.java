package dev.gantry.operator.render;

import dev.gantry.operator.api.Durations;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.Monitoring;
import dev.gantry.operator.naming.Labels;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitorBuilder;

/** Tells Prometheus-Operator to scrape every pod of the service behind its Service. */
public final class ServiceMonitors {

  private ServiceMonitors() {}

  public static ServiceMonitor desired(Microservice ms) {
    String name = ms.getMetadata().getName();
    Monitoring monitoring = ms.getSpec().monitoring();
    return new ServiceMonitorBuilder()
        .withMetadata(Labels.serviceMetadata(ms, name))
        .withNewSpec()
        .withNewSelector()
        .withMatchLabels(Labels.forService(name))
        .endSelector()
        .addNewEndpoint()
        .withPort(PodTemplates.PORT_NAME)
        .withPath(monitoring.path())
        .withInterval(Durations.toPrometheus(Durations.parse(monitoring.interval())))
        .addNewRelabeling()
        .withAction("replace")
        .withSourceLabels("__meta_kubernetes_pod_label_gantry_dev_revision")
        .withTargetLabel("revision")
        .endRelabeling()
        .endEndpoint()
        .endSpec()
        .build();
  }
}
