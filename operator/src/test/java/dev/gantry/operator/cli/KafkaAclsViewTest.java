package dev.gantry.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.api.Kafka;
import dev.gantry.operator.kafka.KafkaAccess;
import dev.gantry.operator.render.KafkaAccessConfigMaps;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code kubectl gantry kafka-acls} prints: the lists the operator wrote, rebuilt from their
 * ACLs; never a list someone else wrote or edited into more than Gantry grants.
 */
class KafkaAclsViewTest {

  @Test
  void printsEveryServicesArgumentsInNamespaceAndNameOrder() {
    var listing =
        KafkaAclsView.render(
            List.of(
                list("shop", "order", List.of("order-placed"), List.of()),
                list("kitchen", "barista", List.of(), List.of("order-placed")),
                list("shop", "member", List.of("shop.members"), List.of())));
    assertThat(listing.skipped()).isEmpty();
    assertThat(listing.out())
        .isEqualTo(
            """
            --add --allow-principal User:kitchen.barista --operation Read --topic order-placed
            --add --allow-principal User:kitchen.barista --operation Describe --topic order-placed
            --add --allow-principal User:kitchen.barista --operation Read --group kitchen.barista
            --add --allow-principal User:kitchen.barista --operation Read --resource-pattern-type prefixed --group kitchen.barista_
            --add --allow-principal User:shop.member --operation Write --topic shop.members
            --add --allow-principal User:shop.member --operation Describe --topic shop.members
            --add --allow-principal User:shop.order --operation Write --topic order-placed
            --add --allow-principal User:shop.order --operation Describe --topic order-placed
            """);
  }

  @Test
  void nothingToListPrintsNothing() {
    var listing = KafkaAclsView.render(List.of());
    assertThat(listing.out()).isEmpty();
    assertThat(listing.skipped()).isEmpty();
  }

  static Stream<Arguments> forgedLists() {
    return Stream.of(
        Arguments.of(
            "its own kafka-acls.sh text is never printed, only what its ACLs grant",
            edit(
                c ->
                    with(
                        c, KafkaAccessConfigMaps.KAFKA_ACLS_SH, "--add --operation All --topic *")),
            null),
        Arguments.of(
            "an ACL Gantry never grants",
            edit(
                c ->
                    with(
                        c,
                        KafkaAccessConfigMaps.ACLS,
                        "TOPIC LITERAL order-placed WRITE\nGROUP LITERAL payments.pay READ\n")),
            "shop/order-kafka-access: 'GROUP LITERAL payments.pay READ' is not an ACL Gantry grants"
                + " to shop.order"),
        Arguments.of(
            "another namespace's user",
            edit(c -> with(c, KafkaAccessConfigMaps.USER, "payments.pay")),
            "shop/order-kafka-access: its user is payments.pay, not shop.order"),
        Arguments.of(
            "not controlled by a Microservice",
            edit(
                c -> {
                  c.getMetadata().setOwnerReferences(List.of());
                  return c;
                }),
            "shop/order-kafka-access: not controlled by Microservice order"),
        Arguments.of(
            "named for another service than its label",
            edit(
                c -> {
                  c.getMetadata().getLabels().put("gantry.dev/microservice", "member");
                  return c;
                }),
            "shop/order-kafka-access: not named after the Microservice of its"
                + " gantry.dev/microservice label"),
        Arguments.of(
            "a line break hidden in its name is shown escaped",
            edit(
                c -> {
                  c.getMetadata().getLabels().remove("gantry.dev/microservice");
                  c.getMetadata().setName("order-kafka-access\n--add --topic x");
                  return c;
                }),
            "shop/order-kafka-access\\n--add --topic x: not named after the Microservice of its"
                + " gantry.dev/microservice label"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void forgedLists(String description, ConfigMap forged, String skipped) {
    var listing = KafkaAclsView.render(List.of(forged));
    if (skipped == null) {
      assertThat(listing.skipped()).as(description).isEmpty();
      assertThat(listing.out())
          .as(description)
          .isEqualTo(
              "--add --allow-principal User:shop.order --operation Write --topic order-placed\n"
                  + "--add --allow-principal User:shop.order --operation Describe --topic"
                  + " order-placed\n");
    } else {
      assertThat(listing.out()).as(description).isEmpty();
      assertThat(listing.skipped()).as(description).containsExactly(skipped);
    }
  }

  private static ConfigMap edit(UnaryOperator<ConfigMap> change) {
    return change.apply(list("shop", "order", List.of("order-placed"), List.of()));
  }

  private static ConfigMap with(ConfigMap list, String key, String value) {
    list.getData().put(key, value);
    return list;
  }

  /** A list as the operator writes it, controlled by its Microservice. */
  private static ConfigMap list(
      String namespace, String name, List<String> produces, List<String> consumes) {
    ConfigMap written =
        KafkaAccessConfigMaps.desired(
            namespace, name, KafkaAccess.of(namespace, name, new Kafka(produces, consumes, null)));
    return new ConfigMapBuilder(written)
        .editMetadata()
        .addNewOwnerReference()
        .withApiVersion("gantry.dev/v1alpha1")
        .withKind("Microservice")
        .withName(name)
        .withUid("uid-" + name)
        .withController(true)
        .endOwnerReference()
        .endMetadata()
        .build();
  }
}
