package dev.gantry.operator.compatibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.operator.compatibility.DocumentTrees.UnreadableDocument;
import dev.gantry.operator.compatibility.OpenApiComparison.OperationChange;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rule table: which changes to an operation break a client of the old document, in words. */
class OpenApiComparisonTest {

  /** member's API before the release: one operation of each shape the rules look at. */
  private static final String BASE =
      """
      openapi: 3.0.1
      info: {title: member, version: "1"}
      paths:
        /members/{id}:
          get:
            parameters:
              - {name: id, in: path, required: true, schema: {type: string}}
              - {name: fields, in: query, required: false, schema: {type: string}}
            responses:
              "200":
                description: the member
                content:
                  application/json:
                    schema:
                      type: object
                      required: [id, tier]
                      properties:
                        id: {type: string}
                        tier: {type: string, enum: [BRONZE, SILVER, GOLD]}
                        points: {type: integer}
              "404": {description: no such member}
        /members:
          post:
            requestBody:
              required: true
              content:
                application/json:
                  schema:
                    type: object
                    required: [name]
                    properties:
                      name: {type: string}
                      email: {type: string}
                      age: {type: number}
            responses:
              "201": {description: created}
      """;

  static Stream<Arguments> changes() {
    return Stream.of(
        change(
            "operation removed",
            BASE.replace("  /members:\n    post:", "  /members:\n    put:"),
            "POST /members",
            true,
            "removed"),
        change(
            "new required query parameter",
            BASE.replace(
                "- {name: fields, in: query, required: false, schema: {type: string}}",
                "- {name: fields, in: query, required: false, schema: {type: string}}\n"
                    + "        - {name: tenant, in: query, required: true, schema: {type: string}}"),
            "GET /members/{id}",
            true,
            "new required query parameter tenant"),
        change(
            "optional parameter made required",
            BASE.replace(
                "{name: fields, in: query, required: false",
                "{name: fields, in: query, required: true"),
            "GET /members/{id}",
            true,
            "query parameter fields is now required"),
        change(
            "new required request property",
            BASE.replace("required: [name]", "required: [name, email]"),
            "POST /members",
            true,
            "request property email is now required"),
        change(
            "request property type narrowed",
            BASE.replace("age: {type: number}", "age: {type: integer}"),
            "POST /members",
            true,
            "request property age type changed from number to integer"),
        change(
            "response property removed",
            BASE.replace("        points: {type: integer}\n", ""),
            "GET /members/{id}",
            true,
            "response 200 property points removed"),
        change(
            "response property type changed",
            BASE.replace("points: {type: integer}", "points: {type: string}"),
            "GET /members/{id}",
            true,
            "response 200 property points type changed from integer to string"),
        change(
            "enum value removed from a response",
            BASE.replace("enum: [BRONZE, SILVER, GOLD]", "enum: [BRONZE, GOLD]"),
            "GET /members/{id}",
            true,
            "response 200 property tier no longer returns [SILVER]"),
        change(
            "enum value added to a response",
            BASE.replace("enum: [BRONZE, SILVER, GOLD]", "enum: [BRONZE, SILVER, GOLD, PLATINUM]"),
            "GET /members/{id}",
            true,
            "response 200 property tier may now return [PLATINUM]"),
        change(
            "status code removed",
            BASE.replace("\"404\": {description: no such member}", ""),
            "GET /members/{id}",
            true,
            "response 404 removed"),
        change(
            "operation added",
            BASE
                + "  /members/{id}/tier:\n    get:\n      responses:\n        \"200\": {description: ok}\n",
            "GET /members/{id}/tier",
            false,
            "added"),
        change(
            "optional response property added",
            BASE.replace(
                "points: {type: integer}",
                "points: {type: integer}\n                  nickname: {type: string}"),
            "GET /members/{id}",
            false,
            "changed compatibly"),
        change(
            "request property type widened",
            BASE.replace(
                    "name: {type: string}\n                      email",
                    "name: {type: string}\n                      email")
                .replace("age: {type: number}", "age: {type: number, description: years}"),
            "POST /members",
            false,
            "changed compatibly"));
  }

  private static Arguments change(
      String rule, String after, String operation, boolean breaking, String words) {
    return Arguments.of(rule, after, operation, breaking, words);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void judgesEachRule(String rule, String after, String operation, boolean breaking, String words)
      throws Exception {
    List<OperationChange> changes =
        OpenApiComparison.compare(OpenApiComparison.read(BASE), OpenApiComparison.read(after));
    assertThat(changes)
        .as(rule)
        .filteredOn(c -> c.operation().equals(operation))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.breaking()).as(rule + ": breaking").isEqualTo(breaking);
              assertThat(c.change()).as(rule + ": words").contains(words);
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "paths: {}",
        "openapi: 3.0.1\ninfo: {title: x, version: '1'}\n",
        "swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {}\n",
        "{ not yaml",
        "- a list",
      })
  void refusesWhatIsNotAnOpenApi3Document(String text) {
    assertThatThrownBy(() -> OpenApiComparison.read(text)).isInstanceOf(UnreadableDocument.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://169.254.169.254/latest/meta-data",
        "other.yaml#/components/schemas/X",
        "file:///etc/passwd"
      })
  void neverFollowsAReferenceToAnotherDocument(String ref) {
    String text = BASE.replace("points: {type: integer}", "points: {$ref: '" + ref + "'}");
    assertThatThrownBy(() -> OpenApiComparison.read(text))
        .isInstanceOf(UnreadableDocument.class)
        .hasMessageContaining("refers to another document ($ref: " + ref + ")");
  }

  @org.junit.jupiter.api.Test
  void followsReferencesToSharedComponents() throws Exception {
    String before =
        """
        openapi: 3.0.1
        info: {title: member, version: "1"}
        paths:
          /members/{id}:
            get:
              responses:
                "200":
                  description: the member
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Member'}
        components:
          schemas:
            Member:
              type: object
              properties:
                id: {type: string}
                tier: {type: string}
        """;
    String after = before.replace("        tier: {type: string}\n", "");
    assertThat(
            OpenApiComparison.compare(
                OpenApiComparison.read(before), OpenApiComparison.read(after)))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.breaking()).isTrue();
              assertThat(c.change()).isEqualTo("response 200 property tier removed");
            });
  }

  @org.junit.jupiter.api.Test
  void identicalDocumentsHaveNoChange() throws Exception {
    assertThat(
            OpenApiComparison.compare(OpenApiComparison.read(BASE), OpenApiComparison.read(BASE)))
        .isEmpty();
  }
}
