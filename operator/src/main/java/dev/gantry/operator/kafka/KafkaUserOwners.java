package dev.gantry.operator.kafka;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which of the Kafka users Gantry made outside the services' namespaces (Strimzi KafkaUsers) no
 * longer belong to a service: no owner reference reaches across namespaces, so the garbage
 * collector never deletes them.
 */
public final class KafkaUserOwners {

  private KafkaUserOwners() {}

  /** The service a user was made for, by namespace and name. */
  public record Owner(String namespace, String name) {}

  /**
   * The users to delete: their service is in a namespace this operator watches ({@code watched}),
   * and it is gone or asks for no Kafka access any more ({@code wantsAccess} says which do). Users
   * of namespaces it does not watch are another operator's, or left as they are.
   *
   * @param users each user by name, with the service it was made for
   */
  public static List<String> orphans(
      Map<String, Owner> users, Predicate<String> watched, Predicate<Owner> wantsAccess) {
    return users.entrySet().stream()
        .filter(e -> watched.test(e.getValue().namespace()) && !wantsAccess.test(e.getValue()))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }
}
