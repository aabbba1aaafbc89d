package dev.gantry.operator.compatibility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.gantry.operator.compatibility.DocumentTrees.UnreadableDocument;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Two JSON Schemas of one topic's events compared. Events already on the topic must stay readable
 * by consumers built against the new schema, and consumers built against the old one must still
 * find what it promised — a schema registry's backward check plus the properties readers rely on:
 *
 * <table>
 *   <caption>What breaks a consumer</caption>
 *   <tr><th>change</th><th>breaking</th><th>why</th></tr>
 *   <tr><td>required property removed, or no longer required</td><td>yes</td>
 *       <td>readers expect it in every event</td></tr>
 *   <tr><td>property newly required</td><td>yes</td><td>events already sent lack it</td></tr>
 *   <tr><td>type changed so an old value no longer fits (number → integer, string → object)</td>
 *       <td>yes</td><td>old events no longer validate</td></tr>
 *   <tr><td>type widened (integer → number, string → string|null)</td><td>no</td><td></td></tr>
 *   <tr><td>enum value removed</td><td>yes</td><td>old events carry it</td></tr>
 *   <tr><td>enum value added, optional property added or removed</td><td>no</td><td></td></tr>
 * </table>
 *
 * <p>Object properties and array items are compared to any depth; references inside the document
 * ({@code #/$defs/...}) are followed.
 */
public final class EventSchemaComparison {

  /** One change at a place in the event, e.g. {@code items[].quantity}. */
  public record SchemaChange(String where, boolean breaking, String change) {}

  private static final int MAX_DEPTH = 32;

  private EventSchemaComparison() {}

  public static JsonNode parse(String text) throws UnreadableDocument {
    JsonNode schema = DocumentTrees.read(text);
    if (!schema.has("type") && !schema.has("properties") && !schema.has("$ref")) {
      throw new UnreadableDocument("not a JSON Schema: no type, properties or $ref at the top");
    }
    return schema;
  }

  public static List<SchemaChange> compare(JsonNode old, JsonNode now) {
    List<SchemaChange> out = new ArrayList<>();
    compare(new Node(old, old), new Node(now, now), "", out, 0);
    return out;
  }

  /** A schema node with the document it came from, for following references. */
  private record Node(JsonNode schema, JsonNode root) {

    Node resolved() {
      JsonNode node = schema;
      for (int hops = 0; hops < MAX_DEPTH && node.has("$ref"); hops++) {
        String ref = node.get("$ref").asText();
        JsonNode target = ref.equals("#") ? root : root.at(ref.substring(1));
        if (target.isMissingNode()) {
          return new Node(MissingNode.getInstance(), root);
        }
        node = target;
      }
      return new Node(node, root);
    }

    Node child(JsonNode child) {
      return new Node(child, root);
    }
  }

  private static void compare(
      Node oldNode, Node newNode, String at, List<SchemaChange> out, int depth) {
    if (depth > MAX_DEPTH) {
      return;
    }
    JsonNode old = oldNode.resolved().schema();
    JsonNode now = newNode.resolved().schema();
    String where = at.isEmpty() ? "the event" : at;
    Set<String> oldTypes = types(old);
    Set<String> newTypes = types(now);
    if (!oldTypes.isEmpty()) {
      Set<String> unfit = new LinkedHashSet<>();
      for (String t : oldTypes) {
        boolean fits =
            newTypes.isEmpty()
                || newTypes.contains(t)
                || ("integer".equals(t) && newTypes.contains("number"));
        if (!fits) {
          unfit.add(t);
        }
      }
      if (!unfit.isEmpty()) {
        out.add(
            new SchemaChange(
                where,
                true,
                "type changed from "
                    + String.join("|", oldTypes)
                    + " to "
                    + String.join("|", newTypes)));
        return; // what lies below a changed type is not comparable
      }
      if (!newTypes.equals(oldTypes) && !newTypes.isEmpty()) {
        out.add(new SchemaChange(where, false, "type widened to " + String.join("|", newTypes)));
      }
    }
    enums(old, now, where, out);
    Set<String> oldRequired = strings(old.get("required"));
    Set<String> newRequired = strings(now.get("required"));
    JsonNode oldProperties = old.path("properties");
    JsonNode newProperties = now.path("properties");
    for (String name : oldRequired) {
      String property = join(at, name);
      if (!newProperties.has(name) && !isFree(now)) {
        out.add(new SchemaChange(property, true, "required property removed"));
      } else if (!newRequired.contains(name)) {
        out.add(new SchemaChange(property, true, "no longer required"));
      }
    }
    for (String name : newRequired) {
      if (!oldRequired.contains(name)) {
        out.add(
            new SchemaChange(
                join(at, name),
                true,
                "now required" + (oldProperties.has(name) ? "" : " (a new property)")));
      }
    }
    for (Iterator<String> it = newProperties.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!oldProperties.has(name) && !newRequired.contains(name)) {
        out.add(new SchemaChange(join(at, name), false, "optional property added"));
      }
    }
    for (Iterator<String> it = oldProperties.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (newProperties.has(name)) {
        compare(
            oldNode.child(oldProperties.get(name)),
            newNode.child(newProperties.get(name)),
            join(at, name),
            out,
            depth + 1);
      } else if (!oldRequired.contains(name)) {
        out.add(new SchemaChange(join(at, name), false, "optional property removed"));
      }
    }
    if (old.has("items") && now.has("items")) {
      compare(
          oldNode.child(old.get("items")),
          newNode.child(now.get("items")),
          (at.isEmpty() ? "" : at) + "[]",
          out,
          depth + 1);
    }
  }

  private static void enums(JsonNode old, JsonNode now, String where, List<SchemaChange> out) {
    if (!old.has("enum")) {
      return;
    }
    if (!now.has("enum")) {
      out.add(new SchemaChange(where, false, "enum lifted"));
      return;
    }
    List<String> removed = new ArrayList<>();
    List<String> added = new ArrayList<>();
    Set<JsonNode> newValues = new LinkedHashSet<>();
    now.get("enum").forEach(newValues::add);
    Set<JsonNode> oldValues = new LinkedHashSet<>();
    old.get("enum").forEach(oldValues::add);
    oldValues.forEach(
        v -> {
          if (!newValues.contains(v)) {
            removed.add(v.asText());
          }
        });
    newValues.forEach(
        v -> {
          if (!oldValues.contains(v)) {
            added.add(v.asText());
          }
        });
    if (!removed.isEmpty()) {
      out.add(new SchemaChange(where, true, "enum narrowed: " + removed + " removed"));
    }
    if (!added.isEmpty()) {
      out.add(new SchemaChange(where, false, "enum values " + added + " added"));
    }
  }

  /** An object schema without declared properties accepts any property. */
  private static boolean isFree(JsonNode schema) {
    return !schema.has("properties") && !schema.path("additionalProperties").isBoolean();
  }

  private static Set<String> types(JsonNode schema) {
    JsonNode type = schema.get("type");
    if (type == null) {
      return Set.of();
    }
    return type.isArray() ? strings(type) : Set.of(type.asText());
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> out = new LinkedHashSet<>();
    if (array != null && array.isArray()) {
      array.forEach(v -> out.add(v.asText()));
    }
    return out;
  }

  private static String join(String at, String name) {
    return at.isEmpty() ? name : at + "." + name;
  }
}
