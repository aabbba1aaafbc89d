package dev.gantry.operator.dependent;

import dev.gantry.operator.api.Microservice;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import java.util.function.Predicate;

/** Child objects of one kind, one per revision, controlled by their Microservice. */
abstract class MicroserviceChildren<R extends HasMetadata>
    extends KubernetesDependentResource<R, Microservice>
    implements GarbageCollected<Microservice>,
        CRUDKubernetesBulkDependentResource<R, Microservice>,
        KubernetesBulkDependentResource<R, Microservice> {

  MicroserviceChildren(Class<R> kind) {
    super(kind);
  }

  @Override
  protected void addReferenceHandlingMetadata(R desired, Microservice primary) {
    Ownership.controlledBy(desired, primary);
  }

  /**
   * Only objects this Microservice controls are its children. JOSDK gathers a bulk dependent's
   * actual objects from every event source of the kind, so without this the team's own API document
   * ConfigMaps (watched to wake the Microservice that names them) would count as children not
   * desired, and be deleted.
   */
  @Override
  public Predicate<R> secondaryResourceFilter(Microservice primary, Context<Microservice> context) {
    return child -> Ownership.isControlledBy(child, primary);
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
}
