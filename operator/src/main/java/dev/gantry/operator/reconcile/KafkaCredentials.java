package dev.gantry.operator.reconcile;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.kafka.KafkaAccess;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Optional;
import java.util.Set;

/**
 * The credentials Strimzi's User Operator issues each service: the Secret {@code
 * <namespace>.<name>} beside its KafkaUser, watched (only Strimzi's user Secrets, by their label)
 * so that a password issued or changed reaches the service's copy at once.
 */
final class KafkaCredentials {

  static final String EVENT_SOURCE = "strimzi-user-secrets";

  /** Strimzi labels the Secrets of its KafkaUsers so. */
  static final String STRIMZI_USER_SECRETS = "strimzi.io/kind=KafkaUser";

  private KafkaCredentials() {}

  static InformerEventSource<Secret, Microservice> eventSource(
      EventSourceContext<Microservice> context, String strimziNamespace) {
    var configuration =
        InformerEventSourceConfiguration.from(Secret.class, Microservice.class)
            .withName(EVENT_SOURCE)
            .withNamespaces(Set.of(strimziNamespace))
            .withLabelSelector(STRIMZI_USER_SECRETS)
            .withSecondaryToPrimaryMapper(
                secret -> owner(secret.getMetadata().getName()).map(Set::of).orElse(Set.of()))
            .build();
    return new InformerEventSource<>(configuration, context);
  }

  /**
   * The Microservice a user's name belongs to: {@code <namespace>.<name>}, split at the first dot
   * (namespace names hold none).
   */
  static Optional<ResourceID> owner(String user) {
    int dot = user.indexOf('.');
    return dot <= 0 || dot == user.length() - 1
        ? Optional.empty()
        : Optional.of(new ResourceID(user.substring(dot + 1), user.substring(0, dot)));
  }

  /** What Strimzi issued {@code ms}, once it has. */
  @SuppressWarnings("unchecked")
  static Optional<Secret> of(
      Microservice ms, String strimziNamespace, Context<Microservice> context) {
    var source =
        (InformerEventSource<Secret, Microservice>)
            context.eventSourceRetriever().getEventSourceFor(Secret.class, EVENT_SOURCE);
    return source.get(
        new ResourceID(
            KafkaAccess.user(ms.getMetadata().getNamespace(), ms.getMetadata().getName()),
            strimziNamespace));
  }
}
