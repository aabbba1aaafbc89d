package dev.gantry.operator.compatibility;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads a document (YAML or JSON) into a tree and refuses references to other documents: a team's
 * document must never make the operator fetch an address.
 */
final class DocumentTrees {

  /** Largest document read: a ConfigMap holds at most 1 MiB. */
  static final int MAX_CHARACTERS = 1024 * 1024;

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private DocumentTrees() {}

  static JsonNode read(String text) throws UnreadableDocument {
    if (text.length() > MAX_CHARACTERS) {
      throw new UnreadableDocument(
          "larger than " + MAX_CHARACTERS / 1024 + " KiB (" + text.length() / 1024 + " KiB)");
    }
    JsonNode tree;
    try {
      tree = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UnreadableDocument("not YAML or JSON: " + e.getOriginalMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw new UnreadableDocument("not a YAML or JSON object");
    }
    String external = externalReference(tree);
    if (external != null) {
      throw new UnreadableDocument(
          "refers to another document ($ref: "
              + external
              + "); only references inside the document (#/...) are read");
    }
    return tree;
  }

  private static String externalReference(JsonNode node) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if ("$ref".equals(field.getKey())
            && field.getValue().isTextual()
            && !field.getValue().asText().startsWith("#")) {
          return field.getValue().asText();
        }
        String found = externalReference(field.getValue());
        if (found != null) {
          return found;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        String found = externalReference(item);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** Why a document cannot be read, in words that name no content but the offending part. */
  static final class UnreadableDocument extends Exception {
    UnreadableDocument(String message) {
      super(message);
    }
  }
}
