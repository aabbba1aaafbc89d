package dev.gantry.operator.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.operator.testing.LocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The microservice chart's values mirror the Microservice spec: the same fields at the same places,
 * the same enums, bounds, patterns and required fields. When the CRD grows a field (crds/ is
 * generated from the Java API), this fails until the chart's schema has it too.
 */
class MicroserviceValuesMirrorCrdTest {

  /** Values of the chart that are not spec fields. */
  private static final Set<String> CHART_ONLY = Set.of("global", "name", "labels", "annotations");

  private final JsonNode chart;
  private final JsonNode crd;

  MicroserviceValuesMirrorCrdTest() throws IOException {
    Path root = LocalCluster.repoRoot();
    chart =
        new ObjectMapper()
            .readTree(Files.readString(root.resolve("helm/microservice/values.schema.json")));
    crd =
        Manifests.read(root.resolve("crds/microservices.gantry.dev.yaml"))
            .objects()
            .get(0)
            .path("spec")
            .path("versions")
            .get(0)
            .path("schema")
            .path("openAPIV3Schema")
            .path("properties")
            .path("spec");
  }

  @Test
  void valuesHaveEverySpecFieldAndNoOther() {
    SoftAssertions softly = new SoftAssertions();
    compare("", crd, chart, softly, true);
    softly.assertAll();
  }

  @Test
  void theComparisonNoticesAMissingField() {
    // A test that cannot fail is no test: the same walk over a chart schema without `traffic`.
    JsonNode withoutTraffic = chart.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) withoutTraffic.get("properties"))
        .remove("traffic");
    SoftAssertions softly = new SoftAssertions();
    compare("", crd, withoutTraffic, softly, true);
    assertThat(softly.errorsCollected()).isNotEmpty();
    assertThat(softly.errorsCollected().get(0)).hasMessageContaining("traffic");
  }

  private void compare(
      String path, JsonNode spec, JsonNode values, SoftAssertions softly, boolean top) {
    values = resolve(values);
    if (spec.has("properties") && values.has("anyOf")) {
      // A value that may also be given another way (a document as text instead of a reference):
      // the alternative shaped like the spec must mirror it.
      for (JsonNode alternative : values.path("anyOf")) {
        if (resolve(alternative).has("properties")) {
          values = resolve(alternative);
          break;
        }
      }
    }
    if (spec.has("properties")) {
      Set<String> expected = new TreeSet<>();
      spec.path("properties").fieldNames().forEachRemaining(expected::add);
      Set<String> actual = new TreeSet<>();
      values.path("properties").fieldNames().forEachRemaining(actual::add);
      if (top) {
        actual.removeAll(CHART_ONLY);
      }
      softly
          .assertThat(actual)
          .as("fields of %s", path.isEmpty() ? "the spec" : path)
          .isEqualTo(expected);
      softly
          .assertThat(values.path("additionalProperties").asBoolean(true))
          .as("%s refuses unknown keys", path)
          .isFalse();
      for (String field : expected) {
        if (values.path("properties").has(field)) {
          compare(
              path + "." + field,
              spec.path("properties").path(field),
              values.path("properties").path(field),
              softly,
              false);
        }
      }
      Set<String> required = new HashSet<>();
      values.path("required").forEach(r -> required.add(r.asText()));
      spec.path("required")
          .forEach(
              r ->
                  softly
                      .assertThat(required)
                      .as("%s requires %s", path, r.asText())
                      .contains(r.asText()));
    }
    if (spec.has("items")) {
      compare(path + "[]", spec.path("items"), values.path("items"), softly, false);
    }
    if (spec.has("enum")) {
      softly
          .assertThat(texts(values.path("enum")))
          .as("%s values", path)
          .containsExactlyInAnyOrderElementsOf(texts(spec.path("enum")));
    }
    for (String bound :
        List.of(
            "minimum",
            "maximum",
            "maxLength",
            "minLength",
            "maxItems",
            "minItems",
            "maxProperties")) {
      if (spec.has(bound)) {
        softly
            .assertThat(values.path(bound).asDouble(Double.NaN))
            .as("%s %s", path, bound)
            .isEqualTo(spec.path(bound).asDouble());
      }
    }
    if (spec.has("pattern")) {
      softly
          .assertThat(values.path("pattern").asText())
          .as("%s pattern", path)
          .isEqualTo(spec.path("pattern").asText());
    }
  }

  /** Follows {@code $ref: #/$defs/…}, keeping the fields written beside it. */
  private JsonNode resolve(JsonNode node) {
    if (!node.has("$ref")) {
      return node;
    }
    String ref = node.path("$ref").asText();
    JsonNode target = chart.at(ref.substring(1));
    assertThat(target.isMissingNode()).as("%s resolves", ref).isFalse();
    var merged = (com.fasterxml.jackson.databind.node.ObjectNode) resolve(target).deepCopy();
    node.properties()
        .forEach(
            e -> {
              if (!e.getKey().equals("$ref")) {
                merged.set(e.getKey(), e.getValue());
              }
            });
    return merged;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
