package dev.gantry.operator.render;

import dev.gantry.operator.api.Microservice;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.Map;

/**
 * The Service {@code <name>}: one stable DNS name on port 80 in front of every revision.
 * Without a mesh, a selector can pin it to one revision (blue-green's switch).
 */
public final class Services {

  public static final int PORT = 80;

  private Services() {}

  public static Service desired(Microservice ms) {
    return desired(ms, Labels.serviceSelector(ms.getMetadata().getName()));
  }

  public static Service desired(Microservice ms, Map<String, String> selector) {
    String name = ms.getMetadata().getName();
    return new ServiceBuilder()
        .withNewMetadata()
          .withName(name)
          .withNamespace(ms.getMetadata().getNamespace())
          .withLabels(Labels.forService(name))
        .endMetadata()
        .withNewSpec()
          .withType("ClusterIP")
          .withSelector(selector)
          .addNewPort()
            .withName(PodTemplates.PORT_NAME)
            .withPort(PORT)
            .withNewTargetPort(PodTemplates.PORT_NAME)
            .withProtocol("TCP")
            .withAppProtocol("http")
          .endPort()
        .endSpec()
        .build();
  }
}
