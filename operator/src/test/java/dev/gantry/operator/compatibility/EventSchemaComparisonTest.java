package dev.gantry.operator.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.compatibility.EventSchemaComparison.SchemaChange;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON Schema rule table for events, row by row. */
class EventSchemaComparisonTest {

  private static final String BASE =
      """
      {"type": "object",
       "required": ["orderId", "status", "items"],
       "properties": {
         "orderId": {"type": "integer"},
         "status": {"type": "string", "enum": ["PLACED", "BREWING", "READY"]},
         "note": {"type": "string"},
         "total": {"type": "number"},
         "items": {"type": "array", "items": {"$ref": "#/$defs/item"}}},
       "$defs": {"item": {"type": "object", "required": ["product"],
                          "properties": {"product": {"type": "string"}, "quantity": {"type": "integer"}}}}}
      """;

  static Stream<Arguments> rows() {
    return Stream.of(
        row(
            "required property removed",
            BASE.replace("\"note\": {\"type\": \"string\"},", "")
                .replace("\"orderId\": {\"type\": \"integer\"},", ""),
            "orderId",
            true,
            "required property removed"),
        row(
            "required property no longer required",
            BASE.replace(
                "\"required\": [\"orderId\", \"status\", \"items\"]",
                "\"required\": [\"status\", \"items\"]"),
            "orderId",
            true,
            "no longer required"),
        row(
            "property newly required",
            BASE.replace(
                "[\"orderId\", \"status\", \"items\"]",
                "[\"orderId\", \"status\", \"items\", \"note\"]"),
            "note",
            true,
            "now required"),
        row(
            "new required property",
            BASE.replace(
                    "[\"orderId\", \"status\", \"items\"]",
                    "[\"orderId\", \"status\", \"items\", \"shop\"]")
                .replace("\"note\":", "\"shop\": {\"type\": \"string\"}, \"note\":"),
            "shop",
            true,
            "now required (a new property)"),
        row(
            "type narrowed",
            BASE.replace("\"total\": {\"type\": \"number\"}", "\"total\": {\"type\": \"integer\"}"),
            "total",
            true,
            "type changed from number to integer"),
        row(
            "type changed",
            BASE.replace(
                "\"orderId\": {\"type\": \"integer\"}", "\"orderId\": {\"type\": \"string\"}"),
            "orderId",
            true,
            "type changed from integer to string"),
        row(
            "type widened",
            BASE.replace(
                "\"orderId\": {\"type\": \"integer\"}", "\"orderId\": {\"type\": \"number\"}"),
            "orderId",
            false,
            "type widened to number"),
        row(
            "enum narrowed",
            BASE.replace("[\"PLACED\", \"BREWING\", \"READY\"]", "[\"PLACED\", \"READY\"]"),
            "status",
            true,
            "enum narrowed: [BREWING] removed"),
        row(
            "enum widened",
            BASE.replace(
                "[\"PLACED\", \"BREWING\", \"READY\"]",
                "[\"PLACED\", \"BREWING\", \"READY\", \"SERVED\"]"),
            "status",
            false,
            "enum values [SERVED] added"),
        row(
            "optional property added",
            BASE.replace("\"note\":", "\"table\": {\"type\": \"integer\"}, \"note\":"),
            "table",
            false,
            "optional property added"),
        row(
            "optional property removed",
            BASE.replace("\"note\": {\"type\": \"string\"},", ""),
            "note",
            false,
            "optional property removed"),
        row(
            "nested, through a reference",
            BASE.replace(
                "\"quantity\": {\"type\": \"integer\"}", "\"quantity\": {\"type\": \"string\"}"),
            "items[].quantity",
            true,
            "type changed from integer to string"),
        row(
            "nested required property removed",
            BASE.replace("\"required\": [\"product\"]", "\"required\": []"),
            "items[].product",
            true,
            "no longer required"));
  }

  private static Arguments row(
      String rule, String after, String where, boolean breaking, String words) {
    return Arguments.of(rule, after, where, breaking, words);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void judgesEachRule(String rule, String after, String where, boolean breaking, String words)
      throws Exception {
    List<SchemaChange> changes =
        EventSchemaComparison.compare(
            EventSchemaComparison.parse(BASE), EventSchemaComparison.parse(after));
    assertThat(changes)
        .as(rule)
        .filteredOn(c -> c.where().equals(where))
        .anySatisfy(
            c -> {
              assertThat(c.breaking()).as(rule + ": breaking").isEqualTo(breaking);
              assertThat(c.change()).as(rule + ": words").isEqualTo(words);
            });
  }

  @org.junit.jupiter.api.Test
  void anUnchangedSchemaHasNoChanges() throws Exception {
    assertThat(
            EventSchemaComparison.compare(
                EventSchemaComparison.parse(BASE), EventSchemaComparison.parse(BASE)))
        .isEmpty();
  }
}
