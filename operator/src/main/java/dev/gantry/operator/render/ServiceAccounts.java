package dev.gantry.operator.render;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;

/**
 * Each Microservice runs under a ServiceAccount of its own, {@code <name>}: its identity in the
 * mesh, which AuthorizationPolicies admit or refuse. It carries no API token.
 */
public final class ServiceAccounts {

  private ServiceAccounts() {}

  public static ServiceAccount desired(Microservice ms) {
    String name = ms.getMetadata().getName();
    return new ServiceAccountBuilder()
        .withMetadata(Labels.serviceMetadata(ms, name))
        .withAutomountServiceAccountToken(false)
        .build();
  }
}
