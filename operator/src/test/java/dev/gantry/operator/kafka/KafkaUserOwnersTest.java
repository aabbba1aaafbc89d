package dev.gantry.operator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.kafka.KafkaUserOwners.Owner;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which KafkaUsers the sweep deletes: only those of its namespaces whose service no longer asks.
 */
class KafkaUserOwnersTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "the service still asks for access          | shop  | shop  | true  | false",
        "the service is gone, or dropped its kafka   | shop  | shop  | false | true",
        "watching every namespace                    | shop  | *     | false | true",
        "another operator's namespace                | other | shop  | false | false",
      })
  void deletesOnlyUsersOfItsNamespacesWhoseServiceNoLongerAsks(
      String description, String namespace, String watched, boolean asks, boolean deleted) {
    Map<String, Owner> users = Map.of(namespace + ".order", new Owner(namespace, "order"));
    List<String> orphans =
        KafkaUserOwners.orphans(
            users,
            ns -> watched.equals("*") || Set.of(watched.split(",")).contains(ns),
            owner -> asks);
    assertThat(orphans)
        .as(description)
        .isEqualTo(deleted ? List.of(namespace + ".order") : List.of());
  }
}
