package dev.gantry.operator.dependent;

import dev.gantry.operator.api.Microservice;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResourceConfig;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/** A single child object of a Microservice, named like it and controlled by it. */
abstract class MicroserviceChild<R extends HasMetadata>
    extends CRUDKubernetesDependentResource<R, Microservice> {

  MicroserviceChild(Class<R> kind) {
    super(kind);
  }

  /** Found by name, without building the desired object (which may not apply any more). */
  @Override
  protected ResourceID targetSecondaryResourceID(
      Microservice primary, Context<Microservice> context) {
    return ResourceID.fromResource(primary);
  }

  @Override
  protected void addReferenceHandlingMetadata(R desired, Microservice primary) {
    Ownership.controlledBy(desired, primary);
  }

  /** Never on top of an object of the same name that is not this Microservice's. */
  @Override
  public R create(R desired, Microservice primary, Context<Microservice> context) {
    try {
      return super.create(desired, primary, context);
    } catch (KubernetesClientException e) {
      return update(
          Ownership.existingOwnedBy(primary, desired, e, context), desired, primary, context);
    }
  }

  /**
   * Configured as JOSDK configures it (mapper, name, the {@code @Informer} settings); started once.
   */
  @Override
  protected InformerEventSource<R, Microservice> createEventSource(
      EventSourceContext<Microservice> context) {
    var configuration =
        informerConfigurationBuilder(context)
            .withSecondaryToPrimaryMapper(getSecondaryToPrimaryMapper(context).orElseThrow())
            .withName(name());
    configuration()
        .map(KubernetesDependentResourceConfig::informerConfig)
        .ifPresent(configuration::updateFrom);
    var source = new StartOnceInformerEventSource<>(configuration.build(), context);
    setEventSource(source);
    return source;
  }
}
