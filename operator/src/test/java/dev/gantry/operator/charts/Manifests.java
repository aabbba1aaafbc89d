package dev.gantry.operator.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Kubernetes objects from YAML (a rendered chart, a manifest file), as JSON trees. */
record Manifests(List<JsonNode> objects) {

  static final ObjectMapper YAML = new YAMLMapper();

  static Manifests parse(String yaml) {
    List<JsonNode> objects = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(yaml)) {
      var documents = YAML.readValues(parser, JsonNode.class);
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document != null && document.isObject() && document.has("kind")) {
          objects.add(document);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("not YAML:\n" + yaml, e);
    }
    return new Manifests(List.copyOf(objects));
  }

  static Manifests read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<JsonNode> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  Optional<JsonNode> find(String kind, String name) {
    return ofKind(kind).stream().filter(o -> name.equals(name(o))).findFirst();
  }

  JsonNode get(String kind, String name) {
    return find(kind, name)
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + summary()));
  }

  List<String> summary() {
    return objects.stream().map(o -> o.path("kind").asText() + "/" + name(o)).toList();
  }

  static String name(JsonNode object) {
    return object.path("metadata").path("name").asText();
  }

  /** The object without what Helm or the API server add: for comparing with a source file. */
  static JsonNode withoutBookkeeping(JsonNode object) {
    ObjectNode copy = object.deepCopy();
    ObjectNode metadata = (ObjectNode) copy.get("metadata");
    if (metadata != null) {
      metadata.remove(
          List.of(
              "namespace",
              "annotations",
              "creationTimestamp",
              "resourceVersion",
              "uid",
              "generation",
              "managedFields"));
    }
    copy.remove("status");
    return copy;
  }
}
