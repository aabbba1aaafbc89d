package dev.gantry.operator.rollout;

import dev.gantry.operator.api.ApiStatus;
import dev.gantry.operator.api.ApiStatus.ApiChange;
import java.util.List;

/** API-compatibility judgements of member's revisions, as the gate would make them. */
final class Judgements {

  private Judgements() {}

  /** The revision removes GET /members/{id}, which order uses. */
  static ApiStatus breaking(String revision) {
    return new ApiStatus(
        revision,
        "a",
        ApiStatus.BREAKING,
        null,
        List.of(new ApiChange("GET /members/{id}", null, "removed", List.of("order"), null)),
        List.of(),
        List.of(),
        null,
        null);
  }

  static ApiStatus compatible(String revision) {
    return new ApiStatus(
        revision,
        "a",
        ApiStatus.COMPATIBLE,
        null,
        List.of(),
        List.of(new ApiChange("GET /members", null, "added", List.of(), null)),
        List.of(),
        null,
        null);
  }

  static ApiStatus unknown(String revision) {
    return new ApiStatus(
        revision,
        "a",
        ApiStatus.UNKNOWN,
        "the OpenAPI document is not YAML or JSON: unexpected end",
        List.of(),
        List.of(),
        List.of(),
        null,
        null);
  }
}
