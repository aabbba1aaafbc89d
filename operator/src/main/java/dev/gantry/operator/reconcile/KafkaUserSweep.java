package dev.gantry.operator.reconcile;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.dependent.KafkaUserDependent;
import dev.gantry.operator.kafka.KafkaAccess;
import dev.gantry.operator.kafka.KafkaUserOwners;
import dev.gantry.operator.kafka.KafkaUserOwners.Owner;
import dev.gantry.operator.render.KafkaUser;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.timer.TimerEventSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the KafkaUsers of Microservices that are gone. They live in Strimzi's namespace, where no
 * owner reference reaches, and their dependent puts no finalizer on Microservices (see {@link
 * KafkaUserDependent}), so nothing else would.
 *
 * <p>A sweep rather than a finalizer: a finalizer needs the right to update every Microservice, and
 * holds each deletion — and every namespace deletion — for as long as the operator is away or
 * failing. The sweep needs neither and misses nothing: a deletion is acted on as the operator sees
 * it, and every reconciliation compares the KafkaUsers it caches with the Microservices it caches,
 * so users of Microservices deleted while the operator was away go at its first reconciliation.
 */
final class KafkaUserSweep {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaUserSweep.class);
  static final String EVENT_SOURCE = "kafka-user-sweep";

  private final String strimziNamespace;
  private final Set<String> watchNamespaces;
  private final Deletions deletions = new Deletions();
  private volatile KubernetesClient client;

  KafkaUserSweep(String strimziNamespace, Set<String> watchNamespaces) {
    this.strimziNamespace = strimziNamespace;
    this.watchNamespaces = Set.copyOf(watchNamespaces);
  }

  /** Hears a Microservice's deletion (it schedules nothing). */
  private final class Deletions extends TimerEventSource<Microservice> {
    Deletions() {
      super(EVENT_SOURCE, false);
    }

    @Override
    public void onResourceDeleted(Microservice ms) {
      deleteUserOf(ms);
      super.onResourceDeleted(ms);
    }
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  EventSource<?, Microservice> eventSource(EventSourceContext<Microservice> context) {
    client = context.getClient();
    return (EventSource) deletions;
  }

  /** Deletes the KafkaUsers whose Microservice is gone or asks for no Kafka access any more. */
  void sweep(Context<Microservice> context) {
    Optional<InformerEventSource<KafkaUser, Microservice>> users = users(context);
    if (users.isEmpty()) {
      // Not watched yet: the KafkaUser dependent starts the watch when it first applies.
      return;
    }
    Map<String, Owner> owners = new HashMap<>();
    Map<String, KafkaUser> byName = new HashMap<>();
    users
        .get()
        .list()
        .forEach(
            user ->
                KafkaUserDependent.owner(user)
                    .ifPresent(
                        id -> {
                          owners.put(
                              user.getMetadata().getName(),
                              new Owner(id.getNamespace().orElseThrow(), id.getName()));
                          byName.put(user.getMetadata().getName(), user);
                        }));
    for (String orphan :
        KafkaUserOwners.orphans(
            owners,
            namespace -> watchNamespaces.isEmpty() || watchNamespaces.contains(namespace),
            owner ->
                context
                    .getPrimaryCache()
                    .get(new ResourceID(owner.name(), owner.namespace()))
                    .filter(ms -> ms.getMetadata().getDeletionTimestamp() == null)
                    .filter(ms -> ms.getSpec().kafka() != null)
                    .isPresent())) {
      delete(
          context.getClient(),
          byName.get(orphan),
          "its Microservice is gone or has no kafka block any more");
    }
  }

  private void deleteUserOf(Microservice ms) {
    KubernetesClient current = client;
    if (current == null || ms.getSpec() == null || ms.getSpec().kafka() == null) {
      // Without a kafka block it has no KafkaUser left: the dependent deleted it with the block,
      // or the next sweep does.
      return;
    }
    String name = KafkaAccess.user(ms.getMetadata().getNamespace(), ms.getMetadata().getName());
    try {
      KafkaUser user =
          current.resources(KafkaUser.class).inNamespace(strimziNamespace).withName(name).get();
      // Only Gantry's, and only that Microservice's: a platform engineer's user of that name stays.
      if (user != null
          && KafkaUserDependent.owner(user).equals(Optional.of(ResourceID.fromResource(ms)))) {
        delete(current, user, "Microservice " + ms.getMetadata().getName() + " was deleted");
      }
    } catch (KubernetesClientException e) {
      // The kind is not served, or the API server is away: the sweep of a later reconciliation
      // deletes it.
      LOG.debug(
          "KafkaUser {}/{} left to the next sweep: {}", strimziNamespace, name, e.getMessage());
    }
  }

  private static void delete(KubernetesClient client, KafkaUser user, String why) {
    LOG.info(
        "deleting KafkaUser {}/{}: {}",
        user.getMetadata().getNamespace(),
        user.getMetadata().getName(),
        why);
    client.resource(user).delete();
  }

  @SuppressWarnings("unchecked")
  private static Optional<InformerEventSource<KafkaUser, Microservice>> users(
      Context<Microservice> context) {
    return context.eventSourceRetriever().getEventSourcesFor(KafkaUser.class).stream()
        .filter(source -> KafkaUserDependent.NAME.equals(source.name()))
        .map(source -> (InformerEventSource<KafkaUser, Microservice>) source)
        .findFirst();
  }
}
