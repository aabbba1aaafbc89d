package dev.gantry.operator.dependent;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.kafka.KafkaAccess;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.render.KafkaUser;
import dev.gantry.operator.render.KafkaUsers;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResourceConfig;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResourceConfigBuilder;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The service's Strimzi KafkaUser, {@code <namespace>.<name>} in the namespace Strimzi's User
 * Operator watches, while the service has a kafka block.
 *
 * <p>It lives outside the Microservice's namespace, where no owner reference reaches, so its labels
 * ({@link Labels#NAMESPACE}, {@link Labels#MICROSERVICE}) say whose it is. JOSDK deletes it when
 * the kafka block goes (a reconcile precondition), and counts it garbage collected so that it puts
 * no finalizer on Microservices: a finalizer would need the right to update every Microservice, and
 * would hold a deletion for as long as the operator is away. Instead the reconciler's {@code
 * KafkaUserSweep} deletes a KafkaUser whose Microservice is gone, when the deletion is seen and
 * again at every reconciliation, so one deleted while the operator was away goes at its start.
 */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class KafkaUserDependent extends KubernetesDependentResource<KafkaUser, Microservice>
    implements Creator<KafkaUser, Microservice>,
        Updater<KafkaUser, Microservice>,
        GarbageCollected<Microservice>,
        SecondaryToPrimaryMapper<KafkaUser> {

  public static final String NAME = "kafkauser";

  public KafkaUserDependent() {
    super(KafkaUser.class);
  }

  /** The informer's settings: Gantry's KafkaUsers in the namespace Strimzi watches. */
  public static KubernetesDependentResourceConfig<KafkaUser> watching(String strimziNamespace) {
    return new KubernetesDependentResourceConfigBuilder<KafkaUser>()
        .withCreateResourceOnlyIfNotExistingWithSSA(true)
        .withKubernetesDependentInformerConfig(
            InformerConfiguration.builder(KafkaUser.class)
                .withNamespaces(Set.of(strimziNamespace))
                .withLabelSelector(Labels.MANAGED_SELECTOR)
                .build())
        .build();
  }

  @Override
  protected KafkaUser desired(Microservice ms, Context<Microservice> context) {
    ReconcileState state = ReconcileState.of(context);
    return KafkaUsers.desired(
        ms.getMetadata().getNamespace(),
        ms.getMetadata().getName(),
        state.kafkaAccess().orElseThrow(),
        state.platform().strimzi());
  }

  @Override
  protected ResourceID targetSecondaryResourceID(Microservice ms, Context<Microservice> context) {
    return new ResourceID(
        KafkaAccess.user(ms.getMetadata().getNamespace(), ms.getMetadata().getName()),
        ReconcileState.of(context).platform().strimzi().namespace());
  }

  /** Its labels, set in {@code desired}, name its Microservice; no owner reference can. */
  @Override
  protected void addReferenceHandlingMetadata(KafkaUser desired, Microservice primary) {}

  @Override
  public Set<ResourceID> toPrimaryResourceIDs(KafkaUser user) {
    return owner(user).map(Set::of).orElse(Set.of());
  }

  /** The Microservice a KafkaUser Gantry made belongs to, from its labels. */
  public static Optional<ResourceID> owner(HasMetadata user) {
    Map<String, String> labels =
        Objects.requireNonNullElse(user.getMetadata().getLabels(), Map.of());
    String namespace = labels.get(Labels.NAMESPACE);
    String name = labels.get(Labels.MICROSERVICE);
    return namespace == null || name == null
        ? Optional.empty()
        : Optional.of(new ResourceID(name, namespace));
  }

  /**
   * Never on top of a KafkaUser of that name that is not this Microservice's: the platform's own
   * users keep their rights.
   */
  @Override
  public KafkaUser create(KafkaUser desired, Microservice primary, Context<Microservice> context) {
    try {
      return super.create(desired, primary, context);
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      KafkaUser existing = context.getClient().resource(desired).get();
      if (existing == null) {
        throw e;
      }
      if (!owner(existing).equals(Optional.of(ResourceID.fromResource(primary)))) {
        throw new NameInUseException(existing, null);
      }
      desired.getMetadata().setResourceVersion(null);
      return update(existing, desired, primary, context);
    }
  }

  /** The Microservice has a kafka block the platform admits. */
  public static class KafkaRequested implements Condition<KafkaUser, Microservice> {
    @Override
    public boolean isMet(
        DependentResource<KafkaUser, Microservice> dependent,
        Microservice ms,
        Context<Microservice> context) {
      return ReconcileState.of(context).kafkaAccess().isPresent();
    }
  }
}
