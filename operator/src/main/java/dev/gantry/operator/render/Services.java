package dev.gantry.operator.render;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.rollout.Routing;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.Map;

/**
 * The Service {@code <name>}: one stable DNS name on port 80 in front of every revision. Without a
 * mesh, blue-green pins it to one revision: the switch is a change of selector.
 */
public final class Services {

  public static final int PORT = 80;

  private Services() {}

  public static Service desired(Microservice ms) {
    return desired(ms, Routing.allTo("unused"));
  }

  /** The Service; without a mesh, blue-green pins it to the revision that takes traffic. */
  public static Service desired(Microservice ms, Routing routing) {
    String name = ms.getMetadata().getName();
    Map<String, String> selector =
        routing.serviceRevision() == null
            ? Labels.serviceSelector(name)
            : Labels.revisionSelector(name, routing.serviceRevision());
    return service(ms, name, selector);
  }

  /** Blue-green's preview Service: the revision waiting for the switch, or the stable one. */
  public static Service preview(Microservice ms, Routing routing) {
    String name = ms.getMetadata().getName();
    return service(ms, previewName(name), Labels.revisionSelector(name, routing.canaryRevision()));
  }

  public static String previewName(String name) {
    return name + "-preview";
  }

  private static Service service(
      Microservice ms, String serviceName, Map<String, String> selector) {
    String name = ms.getMetadata().getName();
    return new ServiceBuilder()
        .withMetadata(Labels.serviceMetadata(ms, serviceName))
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
