package dev.gantry.operator.compatibility;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.operator.api.ApiStatus;
import dev.gantry.operator.api.ApiStatus.ApiChange;
import dev.gantry.operator.compatibility.Contracts.Consumer;
import dev.gantry.operator.compatibility.Contracts.Provider;
import dev.gantry.operator.compatibility.DocumentTrees.UnreadableDocument;
import dev.gantry.operator.compatibility.EventSchemaComparison.SchemaChange;
import dev.gantry.operator.compatibility.OpenApiComparison.OperationChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The API-compatibility gate's judgement: each change of a revision's contract against the stable
 * revision's, and whom it breaks. A change breaks a consumer only if the consumer uses what changed
 * — an operation it declares in {@code api.uses} (or any operation, when it declares none for this
 * provider), a topic it lists in {@code kafka.consumes}. An unreadable document makes the verdict
 * {@code Unknown}, never a pass.
 */
public final class ApiGate {

  private ApiGate() {}

  public static ApiStatus judge(Contracts in) {
    Judgement j = new Judgement();
    provided(in, j);
    events(in, j);
    used(in, j);
    return j.status(in);
  }

  /** What this revision's OpenAPI document changes for the services that call it. */
  private static void provided(Contracts in, Judgement j) {
    JsonNode now = j.openapi(in.openapi(), "the OpenAPI document");
    JsonNode before = j.openapi(in.stableOpenapi(), "the stable revision's OpenAPI document");
    if (now == null || before == null) {
      if (now != null && in.against() != null && in.stableOpenapi() instanceof Document.None) {
        j.notes.add(
            "revision " + in.against() + " has no stored OpenAPI document; nothing to compare");
      }
      return;
    }
    for (Consumer c : in.consumers()) {
      if (c.operations() == null) {
        j.notes.add(
            c.name()
                + " declares no api.uses for "
                + in.service()
                + ": every operation counts as used");
      }
    }
    List<OperationChange> changes;
    try {
      changes = OpenApiComparison.compare(before, now);
    } catch (UnreadableDocument e) {
      j.unreadable.add("the OpenAPI documents cannot be compared: " + e.getMessage());
      return;
    }
    for (OperationChange change : changes) {
      String key = Operations.key(change.operation());
      List<String> affected =
          change.breaking()
              ? in.consumers().stream()
                  .filter(
                      c ->
                          c.operations() == null
                              || c.operations().stream()
                                  .anyMatch(o -> Operations.key(o).equals(key)))
                  .map(Consumer::name)
                  .sorted()
                  .toList()
              : List.of();
      if (affected.isEmpty()) {
        j.compatible.add(
            new ApiChange(
                change.operation(),
                null,
                change.breaking() ? change.change() + " (no consumer uses it)" : change.change(),
                List.of(),
                null));
      } else {
        j.breaking.add(new ApiChange(change.operation(), null, change.change(), affected, null));
      }
    }
  }

  /** What this revision's event schemas change for the services that read its topics. */
  private static void events(Contracts in, Judgement j) {
    for (Map.Entry<String, Document> e : new TreeMap<>(in.events()).entrySet()) {
      String topic = e.getKey();
      JsonNode now = j.schema(e.getValue(), "the schema of topic " + topic);
      JsonNode before =
          j.schema(
              in.stableEvents().getOrDefault(topic, Document.NONE),
              "the stable revision's schema of topic " + topic);
      if (now == null || before == null) {
        continue;
      }
      List<String> readers =
          in.topicReaders().getOrDefault(topic, List.of()).stream()
              .filter(r -> !r.equals(in.service()))
              .sorted()
              .toList();
      for (SchemaChange change : EventSchemaComparison.compare(before, now)) {
        String text = change.where() + ": " + change.change();
        if (change.breaking() && !readers.isEmpty()) {
          j.breaking.add(new ApiChange(null, topic, text, readers, null));
        } else {
          j.compatible.add(
              new ApiChange(
                  null,
                  topic,
                  change.breaking() ? text + " (no consumer reads the topic)" : text,
                  List.of(),
                  null));
        }
      }
    }
  }

  /**
   * Operations this revision declares it calls that its providers' stable revisions do not serve.
   */
  private static void used(Contracts in, Judgement j) {
    for (Provider p : in.providers()) {
      if (p.revision() == null) {
        j.notes.add(p.name() + " has no stable revision yet; its operations are not checked");
        continue;
      }
      if (p.openapi() instanceof Document.None) {
        j.notes.add(
            p.name() + " declares no OpenAPI document; the operations used are not checked");
        continue;
      }
      JsonNode served = null;
      if (p.openapi() instanceof Document.Text t) {
        try {
          served = OpenApiComparison.read(t.content());
        } catch (UnreadableDocument e) {
          served = null;
        }
      }
      if (served == null) {
        j.notes.add(
            p.name()
                + "'s stable OpenAPI document cannot be read; the operations used are not checked");
        continue;
      }
      Set<String> offered =
          OpenApiComparison.operations(served).stream()
              .map(Operations::key)
              .collect(Collectors.toSet());
      for (String operation : p.operations()) {
        if (!offered.contains(Operations.key(operation))) {
          j.breaking.add(
              new ApiChange(
                  operation,
                  null,
                  in.service()
                      + " now uses "
                      + operation
                      + ", which "
                      + p.name()
                      + "'s stable revision "
                      + p.revision()
                      + " does not serve",
                  List.of(in.service()),
                  p.name()));
        }
      }
    }
  }

  /** The judgement being made. */
  private static final class Judgement {
    final List<ApiChange> breaking = new ArrayList<>();
    final List<ApiChange> compatible = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<String> unreadable = new ArrayList<>();

    JsonNode openapi(Document d, String what) {
      if (d instanceof Document.Missing m) {
        unreadable.add(what + ": " + m.why());
      } else if (d instanceof Document.Text t) {
        try {
          return OpenApiComparison.read(t.content());
        } catch (UnreadableDocument e) {
          unreadable.add(what + " is " + e.getMessage());
        }
      }
      return null;
    }

    JsonNode schema(Document d, String what) {
      if (d instanceof Document.Missing m) {
        unreadable.add(what + ": " + m.why());
      } else if (d instanceof Document.Text t) {
        try {
          return EventSchemaComparison.parse(t.content());
        } catch (UnreadableDocument e) {
          unreadable.add(what + " is " + e.getMessage());
        }
      }
      return null;
    }

    ApiStatus status(Contracts in) {
      String verdict =
          !unreadable.isEmpty()
              ? ApiStatus.UNKNOWN
              : breaking.isEmpty() ? ApiStatus.COMPATIBLE : ApiStatus.BREAKING;
      List<String> allNotes = new ArrayList<>(notes);
      return new ApiStatus(
          in.revision(),
          in.against(),
          verdict,
          unreadable.isEmpty() ? null : String.join("; ", unreadable),
          capped(breaking, "breaking", allNotes),
          capped(compatible, "compatible", allNotes),
          allNotes,
          null,
          null);
    }

    private static List<ApiChange> capped(List<ApiChange> all, String kind, List<String> notes) {
      if (all.size() <= ApiStatus.LIST_LIMIT) {
        return all;
      }
      notes.add((all.size() - ApiStatus.LIST_LIMIT) + " more " + kind + " changes are not listed");
      return all.subList(0, ApiStatus.LIST_LIMIT);
    }
  }
}
