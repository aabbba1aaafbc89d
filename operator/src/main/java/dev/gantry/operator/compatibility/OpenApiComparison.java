package dev.gantry.operator.compatibility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.operator.compatibility.DocumentTrees.UnreadableDocument;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedApiResponse;
import org.openapitools.openapidiff.core.model.ChangedContent;
import org.openapitools.openapidiff.core.model.ChangedMediaType;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.ChangedParameter;
import org.openapitools.openapidiff.core.model.ChangedParameters;
import org.openapitools.openapidiff.core.model.ChangedRequestBody;
import org.openapitools.openapidiff.core.model.ChangedResponse;
import org.openapitools.openapidiff.core.model.ChangedSchema;
import org.openapitools.openapidiff.core.model.Endpoint;

/**
 * Two OpenAPI 3 documents compared operation by operation. openapi-diff decides what is
 * incompatible; this class names each operation and says, in words, what changed in it. One rule is
 * added to the library's: an enum value removed from a response breaks a consumer that relied on it
 * (the library flags only values added).
 */
public final class OpenApiComparison {

  /** One operation's change; {@code breaking} when a client of the old document could fail. */
  public record OperationChange(String operation, boolean breaking, String change) {}

  /** Component sections whose entries are left out when no compared operation refers to them. */
  private static final Set<String> PRUNED_COMPONENTS =
      Set.of("schemas", "parameters", "responses", "requestBodies", "headers", "examples", "links");

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private OpenApiComparison() {}

  /**
   * Reads an OpenAPI 3 document into a tree; references to other documents are refused. The tree is
   * what {@link #compare} and {@link #operations} take.
   */
  public static JsonNode read(String text) throws UnreadableDocument {
    JsonNode tree = DocumentTrees.read(text);
    if (!tree.path("openapi").asText("").startsWith("3.")) {
      throw new UnreadableDocument("not an OpenAPI 3 document (no openapi: 3.x)");
    }
    if (!tree.path("paths").isObject()) {
      throw new UnreadableDocument("an OpenAPI document without paths");
    }
    return tree;
  }

  /** Every operation the document serves, {@code METHOD /path} as written. */
  public static Set<String> operations(JsonNode document) {
    Set<String> out = new LinkedHashSet<>();
    document
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method -> {
                          if (METHODS.contains(method)) {
                            out.add(Operations.name(method, path.getKey()));
                          }
                        }));
    return out;
  }

  /**
   * Every operation that differs between the documents. Path items that are identical in both, down
   * to every component they refer to, cannot have changed and are left out before the documents are
   * handed to the diff engine: a release usually touches few operations, and this keeps a large
   * document's comparison short.
   */
  public static List<OperationChange> compare(JsonNode old, JsonNode now)
      throws UnreadableDocument {
    if (!old.path("security").equals(now.path("security"))) {
      return compare(deserialize(old), deserialize(now));
    }
    Set<String> unchanged = new HashSet<>();
    old.path("paths")
        .properties()
        .forEach(
            path -> {
              if (path.getValue().equals(now.path("paths").get(path.getKey()))) {
                // Equal path items refer to the same components; they are unchanged if those are.
                Set<String> referenced = new HashSet<>();
                references(path.getValue(), old, referenced);
                if (referenced.stream().allMatch(p -> old.at(p).equals(now.at(p)))) {
                  unchanged.add(path.getKey());
                }
              }
            });
    return compare(deserialize(without(old, unchanged)), deserialize(without(now, unchanged)));
  }

  /**
   * The document without the {@code left} path items and without the components only they refer to.
   * A new tree over the same nodes: nothing is copied.
   */
  private static ObjectNode without(JsonNode document, Set<String> left) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    document.properties().forEach(field -> out.set(field.getKey(), field.getValue()));
    ObjectNode paths = out.putObject("paths");
    Set<String> reachable = new HashSet<>();
    document
        .path("paths")
        .properties()
        .forEach(
            path -> {
              if (!left.contains(path.getKey())) {
                paths.set(path.getKey(), path.getValue());
                references(path.getValue(), document, reachable);
              }
            });
    JsonNode components = document.path("components");
    if (components.isObject()) {
      ObjectNode kept = out.putObject("components");
      components
          .properties()
          .forEach(
              section -> {
                if (!PRUNED_COMPONENTS.contains(section.getKey())) {
                  kept.set(section.getKey(), section.getValue());
                  return;
                }
                ObjectNode entries = kept.putObject(section.getKey());
                section
                    .getValue()
                    .properties()
                    .forEach(
                        entry -> {
                          String pointer =
                              "/components/" + section.getKey() + "/" + escape(entry.getKey());
                          if (reachable.contains(pointer)) {
                            entries.set(entry.getKey(), entry.getValue());
                          }
                        });
              });
    }
    return out;
  }

  /** Adds every component {@code node} refers to, transitively, as JSON pointers. */
  private static void references(JsonNode node, JsonNode document, Set<String> found) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual()) {
        String pointer = ref.asText().substring(1);
        if (found.add(pointer)) {
          references(document.at(pointer), document, found);
        }
      }
    }
    for (JsonNode child : node) {
      references(child, document, found);
    }
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private static OpenAPI deserialize(JsonNode tree) throws UnreadableDocument {
    // The tree was read (and checked for outside references) already: nothing here resolves one.
    SwaggerParseResult result = new OpenAPIV3Parser().parseJsonNode(null, tree, new ParseOptions());
    OpenAPI api = result.getOpenAPI();
    if (api == null || api.getPaths() == null) {
      List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
      throw new UnreadableDocument(
          "not an OpenAPI 3 document"
              + (messages.isEmpty() ? "" : ": " + String.join("; ", messages.subList(0, 1))));
    }
    return api;
  }

  private static List<OperationChange> compare(OpenAPI old, OpenAPI now) {
    ChangedOpenApi diff = OpenApiCompare.fromSpecifications(old, now);
    List<OperationChange> out = new ArrayList<>();
    for (Endpoint e : diff.getMissingEndpoints()) {
      out.add(new OperationChange(name(e), true, "removed"));
    }
    for (ChangedOperation op : diff.getChangedOperations()) {
      List<String> breaks = new ArrayList<>();
      explain(op, breaks);
      boolean breaking = op.isIncompatible() || !breaks.isEmpty();
      if (breaking && breaks.isEmpty()) {
        breaks.add("changed incompatibly");
      }
      String name = Operations.name(op.getHttpMethod().name(), op.getPathUrl());
      out.add(
          new OperationChange(
              name, breaking, breaking ? String.join("; ", breaks) : compatibleSummary(op)));
    }
    for (Endpoint e : diff.getNewEndpoints()) {
      out.add(new OperationChange(name(e), false, "added"));
    }
    return out;
  }

  private static String name(Endpoint e) {
    return Operations.name(e.getMethod().name(), e.getPathUrl());
  }

  private static String compatibleSummary(ChangedOperation op) {
    if (op.isDeprecated()) {
      return "deprecated";
    }
    return "changed compatibly";
  }

  private static void explain(ChangedOperation op, List<String> out) {
    ChangedParameters parameters = op.getParameters();
    if (parameters != null) {
      for (Parameter p : parameters.getIncreased()) {
        if (Boolean.TRUE.equals(p.getRequired())) {
          out.add("new required " + p.getIn() + " parameter " + p.getName());
        }
      }
      for (Parameter p : parameters.getMissing()) {
        out.add(p.getIn() + " parameter " + p.getName() + " removed");
      }
      for (ChangedParameter p : parameters.getChanged()) {
        if (p.isChangeRequired() && Boolean.TRUE.equals(p.getNewParameter().getRequired())) {
          out.add(p.getIn() + " parameter " + p.getName() + " is now required");
        }
        if (p.getSchema() != null) {
          schema(p.getSchema(), Direction.REQUEST, p.getIn() + " parameter " + p.getName(), out);
        }
      }
    }
    ChangedRequestBody body = op.getRequestBody();
    if (body != null) {
      if (body.isChangeRequired()
          && body.getNewRequestBody() != null
          && Boolean.TRUE.equals(body.getNewRequestBody().getRequired())) {
        out.add("request body is now required");
      }
      content(body.getContent(), Direction.REQUEST, "request", out);
    }
    ChangedApiResponse responses = op.getApiResponses();
    if (responses != null) {
      for (String status : responses.getMissing().keySet()) {
        out.add("response " + status + " removed");
      }
      for (Map.Entry<String, ChangedResponse> r : responses.getChanged().entrySet()) {
        content(r.getValue().getContent(), Direction.RESPONSE, "response " + r.getKey(), out);
      }
    }
    if (op.resultSecurityRequirements().isIncompatible()) {
      out.add("security requirements changed");
    }
  }

  private enum Direction {
    REQUEST,
    RESPONSE
  }

  private static void content(
      ChangedContent content, Direction direction, String where, List<String> out) {
    if (content == null) {
      return;
    }
    String kinds = direction == Direction.REQUEST ? " no longer accepted" : " no longer returned";
    content.getMissing().keySet().forEach(media -> out.add(where + ": " + media + kinds));
    for (ChangedMediaType media : content.getChanged().values()) {
      if (media.getSchema() != null) {
        schema(media.getSchema(), direction, where, out);
      }
    }
  }

  private static void schema(ChangedSchema s, Direction direction, String where, List<String> out) {
    schema(s, direction, where, "", out, 0);
  }

  private static void schema(
      ChangedSchema s,
      Direction direction,
      String where,
      String path,
      List<String> out,
      int depth) {
    if (s == null || depth > 32) {
      return;
    }
    String at = path.isEmpty() ? where : where + " property " + path;
    if (s.isChangedType()) {
      out.add(
          at + " type changed from " + type(s.getOldSchema()) + " to " + type(s.getNewSchema()));
    }
    if (s.getEnumeration() != null) {
      List<?> removed = s.getEnumeration().getMissing();
      List<?> added = s.getEnumeration().getIncreased();
      if (!removed.isEmpty()) {
        out.add(
            at
                + " no longer "
                + (direction == Direction.REQUEST ? "accepts" : "returns")
                + " "
                + removed);
      }
      if (direction == Direction.RESPONSE && !added.isEmpty()) {
        out.add(at + " may now return " + added + ", which clients may not know");
      }
    }
    if (s.getRequired() != null) {
      if (direction == Direction.REQUEST) {
        s.getRequired()
            .getIncreased()
            .forEach(name -> out.add(where + " property " + join(path, name) + " is now required"));
      } else {
        s.getRequired()
            .getMissing()
            .forEach(
                name ->
                    out.add(
                        where + " property " + join(path, name) + " is no longer always present"));
      }
    }
    if (direction == Direction.RESPONSE) {
      s.getMissingProperties()
          .keySet()
          .forEach(name -> out.add(where + " property " + join(path, name) + " removed"));
    }
    s.getChangedProperties()
        .forEach(
            (name, changed) -> schema(changed, direction, where, join(path, name), out, depth + 1));
    if (s.getItems() != null) {
      schema(s.getItems(), direction, where, path + "[]", out, depth + 1);
    }
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String type(Schema<?> schema) {
    if (schema == null) {
      return "none";
    }
    if (schema.getType() != null) {
      return schema.getType();
    }
    return Objects.requireNonNullElse(
        schema.getTypes() == null ? null : String.join("|", schema.getTypes()), "any");
  }
}
