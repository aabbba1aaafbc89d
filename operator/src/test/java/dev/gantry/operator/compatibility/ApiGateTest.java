package dev.gantry.operator.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.api.ApiStatus;
import dev.gantry.operator.api.ApiStatus.ApiChange;
import dev.gantry.operator.compatibility.Contracts.Consumer;
import dev.gantry.operator.compatibility.Contracts.Provider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whom a change breaks: declared uses, the conservative default, the other direction, events. */
class ApiGateTest {

  private static final String MEMBER_V1 =
      """
      openapi: 3.0.1
      info: {title: member, version: "1"}
      paths:
        /members/{id}:
          get:
            responses: {"200": {description: ok}}
        /members:
          get:
            responses: {"200": {description: ok}}
          post:
            responses: {"201": {description: created}}
      """;
  private static final String MEMBER_V2_WITHOUT_LIST =
      MEMBER_V1.replace(
          "    get:\n      responses: {\"200\": {description: ok}}\n    post:", "    post:");
  private static final String ORDER_PLACED_V1 =
      "{\"type\": \"object\", \"required\": [\"orderId\"], \"properties\": {\"orderId\":"
          + " {\"type\": \"integer\"}}}";
  private static final String ORDER_PLACED_V2 = ORDER_PLACED_V1.replace("integer", "string");

  private static Contracts member(String now, List<Consumer> consumers) {
    return new Contracts(
        "member",
        "b",
        "a",
        Document.of(now),
        Document.of(MEMBER_V1),
        Map.of(),
        Map.of(),
        consumers,
        Map.of(),
        List.of());
  }

  @Test
  void aRemovedOperationBreaksOnlyTheConsumersThatDeclareIt() {
    ApiStatus status =
        ApiGate.judge(
            member(
                MEMBER_V2_WITHOUT_LIST,
                List.of(
                    new Consumer("order", List.of("GET /members/{memberId}")),
                    new Consumer("barista", List.of("GET /members")))));
    assertThat(status.verdict()).isEqualTo(ApiStatus.BREAKING);
    assertThat(status.breaking())
        .containsExactly(new ApiChange("GET /members", null, "removed", List.of("barista"), null));
    assertThat(status.notes()).isEmpty();
  }

  @Test
  void aChangeNobodyUsesIsListedAsCompatible() {
    ApiStatus status =
        ApiGate.judge(
            member(
                MEMBER_V2_WITHOUT_LIST,
                List.of(new Consumer("order", List.of("GET /members/{id}")))));
    assertThat(status.verdict()).isEqualTo(ApiStatus.COMPATIBLE);
    assertThat(status.compatible())
        .extracting(ApiChange::operation, ApiChange::change)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("GET /members", "removed (no consumer uses it)"));
  }

  @Test
  void aConsumerThatDeclaresNoUsesCountsAsUsingEverything() {
    ApiStatus status =
        ApiGate.judge(member(MEMBER_V2_WITHOUT_LIST, List.of(new Consumer("order", null))));
    assertThat(status.verdict()).isEqualTo(ApiStatus.BREAKING);
    assertThat(status.breaking())
        .singleElement()
        .extracting(ApiChange::consumers)
        .isEqualTo(List.of("order"));
    assertThat(status.notes())
        .containsExactly("order declares no api.uses for member: every operation counts as used");
  }

  @Test
  void anAddedOperationIsCompatible() {
    String v2 =
        MEMBER_V1
            + "  /members/{id}/tier:\n    get:\n      responses: {\"200\": {description: ok}}\n";
    ApiStatus status = ApiGate.judge(member(v2, List.of(new Consumer("order", null))));
    assertThat(status.verdict()).isEqualTo(ApiStatus.COMPATIBLE);
    assertThat(status.compatible())
        .containsExactly(new ApiChange("GET /members/{id}/tier", null, "added", List.of(), null));
  }

  @Test
  void anUnreadableDocumentIsUnknownNeverAPass() {
    ApiStatus status = ApiGate.judge(member("openapi: [", List.of()));
    assertThat(status.verdict()).isEqualTo(ApiStatus.UNKNOWN);
    assertThat(status.reason()).startsWith("the OpenAPI document is not YAML or JSON");
    ApiStatus missing =
        ApiGate.judge(
            new Contracts(
                "member",
                "b",
                "a",
                new Document.Missing("ConfigMap member-api has no key openapi.yaml"),
                Document.of(MEMBER_V1),
                Map.of(),
                Map.of(),
                List.of(),
                Map.of(),
                List.of()));
    assertThat(missing.verdict()).isEqualTo(ApiStatus.UNKNOWN);
    assertThat(missing.reason())
        .isEqualTo("the OpenAPI document: ConfigMap member-api has no key openapi.yaml");
  }

  @Test
  void aConsumerThatStartsToUseAMissingOperationIsBreaking() {
    ApiStatus status =
        ApiGate.judge(
            new Contracts(
                "order",
                "b",
                "a",
                Document.NONE,
                Document.NONE,
                Map.of(),
                Map.of(),
                List.of(),
                Map.of(),
                List.of(
                    new Provider(
                        "member",
                        "m1",
                        List.of("GET /members/{id}", "GET /members/{id}/tier"),
                        Document.of(MEMBER_V1)))));
    assertThat(status.verdict()).isEqualTo(ApiStatus.BREAKING);
    assertThat(status.breaking())
        .containsExactly(
            new ApiChange(
                "GET /members/{id}/tier",
                null,
                "order now uses GET /members/{id}/tier, which member's stable revision m1 does not"
                    + " serve",
                List.of("order"),
                "member"));
  }

  @Test
  void aProviderWithoutAStableRevisionOrDocumentIsNotChecked() {
    ApiStatus status =
        ApiGate.judge(
            new Contracts(
                "order",
                "b",
                null,
                Document.NONE,
                Document.NONE,
                Map.of(),
                Map.of(),
                List.of(),
                Map.of(),
                List.of(
                    new Provider("member", null, List.of("GET /x"), Document.NONE),
                    new Provider("barista", "r1", List.of("GET /y"), Document.NONE))));
    assertThat(status.verdict()).isEqualTo(ApiStatus.COMPATIBLE);
    assertThat(status.notes())
        .containsExactly(
            "member has no stable revision yet; its operations are not checked",
            "barista declares no OpenAPI document; the operations used are not checked");
  }

  @Test
  void anEventSchemaChangeBreaksTheTopicsReaders() {
    ApiStatus status =
        ApiGate.judge(
            new Contracts(
                "order",
                "b",
                "a",
                Document.NONE,
                Document.NONE,
                Map.of("order-placed", Document.of(ORDER_PLACED_V2)),
                Map.of("order-placed", Document.of(ORDER_PLACED_V1)),
                List.of(),
                Map.of("order-placed", List.of("notification", "barista", "order")),
                List.of()));
    assertThat(status.verdict()).isEqualTo(ApiStatus.BREAKING);
    assertThat(status.breaking())
        .containsExactly(
            new ApiChange(
                null,
                "order-placed",
                "orderId: type changed from integer to string",
                List.of("barista", "notification"),
                null));
  }

  @Test
  void anEventSchemaChangeNobodyReadsIsCompatible() {
    ApiStatus status =
        ApiGate.judge(
            new Contracts(
                "order",
                "b",
                "a",
                Document.NONE,
                Document.NONE,
                Map.of("order-placed", Document.of(ORDER_PLACED_V2)),
                Map.of("order-placed", Document.of(ORDER_PLACED_V1)),
                List.of(),
                Map.of("order-placed", List.of()),
                List.of()));
    assertThat(status.verdict()).isEqualTo(ApiStatus.COMPATIBLE);
    assertThat(status.compatible())
        .singleElement()
        .extracting(ApiChange::change)
        .isEqualTo("orderId: type changed from integer to string (no consumer reads the topic)");
  }
}
