package dev.gantry.operator;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Microservices for tests, written the way users write them: as YAML. */
public final class Fixtures {

  private Fixtures() {}

  /** A Microservice named {@code name} in {@code namespace} with the given spec (YAML). */
  public static Microservice microservice(String namespace, String name, String specYaml) {
    MicroserviceSpec spec = Serialization.unmarshal(specYaml, MicroserviceSpec.class);
    Microservice ms = new Microservice();
    ms.setMetadata(
        new ObjectMetaBuilder().withNamespace(namespace).withName(name).withGeneration(1L).build());
    ms.setSpec(spec);
    return ms;
  }

  public static Microservice microservice(String name, String specYaml) {
    return microservice("shop", name, specYaml);
  }
}
