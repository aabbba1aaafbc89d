package dev.gantry.operator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.operator.api.Kafka;
import dev.gantry.operator.kafka.KafkaAccess.Operation;
import dev.gantry.operator.kafka.KafkaAccess.PatternType;
import dev.gantry.operator.kafka.KafkaAccess.Resource;
import dev.gantry.operator.kafka.KafkaAccess.ResourceType;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ACLs a service's kafka block becomes: exactly what it produces and consumes, nothing more.
 */
class KafkaAccessTest {

  static Stream<Arguments> derivedAcls() {
    return Stream.of(
        Arguments.of(
            "a producer: write and describe, no group",
            List.of("order-placed"),
            List.of(),
            """
            TOPIC LITERAL order-placed WRITE
            TOPIC LITERAL order-placed DESCRIBE
            """),
        Arguments.of(
            "a consumer: read and describe, its group and its replicas' groups",
            List.of(),
            List.of("order-status"),
            """
            TOPIC LITERAL order-status READ
            TOPIC LITERAL order-status DESCRIBE
            GROUP LITERAL shop.order READ
            GROUP PREFIXED shop.order_ READ
            """),
        Arguments.of(
            "the coffee shop's order: produces two topics, consumes one",
            List.of("order-placed", "order-status.DLT"),
            List.of("order-status"),
            """
            TOPIC LITERAL order-placed WRITE
            TOPIC LITERAL order-placed DESCRIBE
            TOPIC LITERAL order-status.DLT WRITE
            TOPIC LITERAL order-status.DLT DESCRIBE
            TOPIC LITERAL order-status READ
            TOPIC LITERAL order-status DESCRIBE
            GROUP LITERAL shop.order READ
            GROUP PREFIXED shop.order_ READ
            """),
        Arguments.of(
            "a topic produced and consumed is described once",
            List.of("shop.loop"),
            List.of("shop.loop"),
            """
            TOPIC LITERAL shop.loop WRITE
            TOPIC LITERAL shop.loop DESCRIBE
            TOPIC LITERAL shop.loop READ
            GROUP LITERAL shop.order READ
            GROUP PREFIXED shop.order_ READ
            """),
        Arguments.of(
            "a topic named twice is granted once",
            List.of("a", "a"),
            List.of(),
            """
            TOPIC LITERAL a WRITE
            TOPIC LITERAL a DESCRIBE
            """),
        Arguments.of(
            "a kafka block without topics: a user without rights", List.of(), List.of(), ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void derivedAcls(String description, List<String> produces, List<String> consumes, String lines) {
    KafkaAccess access = KafkaAccess.of("shop", "order", new Kafka(produces, consumes, null));
    assertThat(access.user()).isEqualTo("shop.order");
    assertThat(access.aclLines()).as(description).isEqualTo(lines);
    assertThat(KafkaAccess.parse("shop.order", access.aclLines()))
        .as("the lines read back")
        .isEqualTo(access);
  }

  @Test
  void kafkaAclsArgumentsGrantTheSameAsTheLines() {
    KafkaAccess access =
        KafkaAccess.of("shop", "order", new Kafka(List.of("order-placed"), List.of("b"), null));
    assertThat(access.kafkaAclsArguments())
        .isEqualTo(
            """
            --add --allow-principal User:shop.order --operation Write --topic order-placed
            --add --allow-principal User:shop.order --operation Describe --topic order-placed
            --add --allow-principal User:shop.order --operation Read --topic b
            --add --allow-principal User:shop.order --operation Describe --topic b
            --add --allow-principal User:shop.order --operation Read --group shop.order
            --add --allow-principal User:shop.order --operation Read --resource-pattern-type prefixed --group shop.order_
            """);
  }

  @Test
  void rulesGatherTheOperationsOfEachResource() {
    KafkaAccess access =
        KafkaAccess.of("shop", "order", new Kafka(List.of("a"), List.of("a", "b"), null));
    assertThat(access.byResource())
        .containsExactly(
            Map.entry(
                new Resource(ResourceType.TOPIC, PatternType.LITERAL, "a"),
                List.of(Operation.WRITE, Operation.DESCRIBE, Operation.READ)),
            Map.entry(
                new Resource(ResourceType.TOPIC, PatternType.LITERAL, "b"),
                List.of(Operation.READ, Operation.DESCRIBE)),
            Map.entry(
                new Resource(ResourceType.GROUP, PatternType.LITERAL, "shop.order"),
                List.of(Operation.READ)),
            Map.entry(
                new Resource(ResourceType.GROUP, PatternType.PREFIXED, "shop.order_"),
                List.of(Operation.READ)));
  }

  /** Lines someone else wrote are read only when they are what Gantry would grant the user. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "another user's group               | GROUP LITERAL payments.pay READ",
        "a group prefix wider than its own  | GROUP PREFIXED shop. READ",
        "its own group, written to          | GROUP LITERAL shop.order WRITE",
        "a prefixed topic                   | TOPIC PREFIXED payments. READ",
        "a wildcard topic                   | TOPIC LITERAL * READ",
        "an operation Gantry never grants   | TOPIC LITERAL a ALTER",
        "the cluster                        | CLUSTER LITERAL kafka-cluster ALTER",
        "a fifth word                       | TOPIC LITERAL a READ DENY",
        "lower case                         | topic literal a read",
      })
  void refusesLinesGantryNeverWrites(String description, String line) {
    assertThatThrownBy(
            () -> KafkaAccess.parse("shop.order", "TOPIC LITERAL a READ\n" + line + "\n"))
        .as(description)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + line + "' is not an ACL Gantry grants to shop.order");
  }
}
