package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The API-compatibility gate's judgement of a revision.
 *
 * @param revision the revision judged
 * @param against the stable revision it was compared with; null for a first revision
 * @param verdict {@code Compatible}, {@code Breaking} or {@code Unknown} (a document is missing or
 *     unreadable)
 * @param reason why the verdict is {@code Unknown}
 * @param breaking each change that breaks a consumer, with the consumers it breaks
 * @param compatible changes that break no declared use
 * @param notes what the judgement assumed, e.g. a consumer that declares no uses counts as using
 *     every operation
 * @param gate what the gate does with the revision: {@code Holding} (no traffic), {@code Open},
 *     {@code Allowed} (breaking, but the spec allows it) or {@code Accepted} (by a release manager)
 * @param acceptedBy the release manager who let this revision through despite breaking changes
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiStatus(
    String revision,
    String against,
    String verdict,
    String reason,
    List<ApiChange> breaking,
    List<ApiChange> compatible,
    List<String> notes,
    String gate,
    String acceptedBy) {

  public static final String COMPATIBLE = "Compatible";
  public static final String BREAKING = "Breaking";
  public static final String UNKNOWN = "Unknown";

  /** What the gate does with a judged revision. */
  public static final String HOLDING = "Holding";

  public static final String OPEN = "Open";
  public static final String ALLOWED = "Allowed";
  public static final String ACCEPTED = "Accepted";

  /** How many changes of each kind the status lists; the rest are counted in the notes. */
  public static final int LIST_LIMIT = 50;

  public ApiStatus {
    breaking = breaking == null ? List.of() : List.copyOf(breaking);
    compatible = compatible == null ? List.of() : List.copyOf(compatible);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  public ApiStatus withGate(String value, String user) {
    return new ApiStatus(
        revision, against, verdict, reason, breaking, compatible, notes, value, user);
  }

  /**
   * One change between two revisions' contracts.
   *
   * @param operation {@code METHOD /path}, for an HTTP operation
   * @param topic the topic, for an event
   * @param change what changed, in words
   * @param consumers the Microservices it breaks (for a compatible change: none)
   * @param provider for an operation this service starts to call: the service that does not serve
   *     it
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record ApiChange(
      String operation, String topic, String change, List<String> consumers, String provider) {

    public ApiChange {
      consumers = consumers == null ? List.of() : List.copyOf(consumers);
    }

    /** What the change is about: the operation or the topic. */
    public String subject() {
      return operation != null ? operation : "topic " + topic;
    }
  }
}
