package dev.gantry.operator.dependent;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.render.KafkaUsers;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * The service's Kafka credentials, {@code <name>-kafka-user} in its namespace: a copy of the
 * password and JAAS line Strimzi wrote for its KafkaUser, which pods cannot read across namespaces.
 * Present while both the kafka block and Strimzi's Secret are; follows every change of the latter
 * (a new password).
 */
@KubernetesDependent(
    informer =
        @Informer(
            labelSelector = Labels.MANAGED_SELECTOR,
            itemStore = CompactManagedFieldsStore.class))
public class KafkaUserSecretDependent extends MicroserviceChild<Secret> {

  public static final String NAME = "kafka-user-secret";

  public KafkaUserSecretDependent() {
    super(Secret.class);
  }

  @Override
  protected Secret desired(Microservice ms, Context<Microservice> context) {
    return KafkaUsers.mirrored(
        ms.getMetadata().getNamespace(),
        ms.getMetadata().getName(),
        ReconcileState.of(context).kafkaCredentials().orElseThrow());
  }

  /** Found by its own name, not the Microservice's. */
  @Override
  protected ResourceID targetSecondaryResourceID(
      Microservice primary, Context<Microservice> context) {
    return new ResourceID(
        KafkaUsers.secretName(primary.getMetadata().getName()),
        primary.getMetadata().getNamespace());
  }

  /** The service has a kafka block and Strimzi has issued its credentials. */
  public static class CredentialsIssued implements Condition<Secret, Microservice> {
    @Override
    public boolean isMet(
        DependentResource<Secret, Microservice> dependent,
        Microservice ms,
        Context<Microservice> context) {
      ReconcileState state = ReconcileState.of(context);
      return state.kafkaAccess().isPresent() && state.kafkaCredentials().isPresent();
    }
  }
}
