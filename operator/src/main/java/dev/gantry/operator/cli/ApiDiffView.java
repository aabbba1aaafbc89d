package dev.gantry.operator.cli;

import static dev.gantry.operator.cli.Terminal.safe;

import dev.gantry.operator.api.ApiStatus;
import dev.gantry.operator.api.ApiStatus.ApiChange;
import dev.gantry.operator.api.Microservice;

/** The text of {@code kubectl gantry api-diff}: a pure function of the Microservice's status. */
final class ApiDiffView {

  private ApiDiffView() {}

  static String render(Microservice ms, ApiStatus api) {
    String name = ms.getMetadata().getName();
    if (api == null) {
      return safe(name) + " declares no API contract (spec.api); nothing is compared\n";
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "%s: revision %s against %s: %s%s%n",
            safe(name),
            safe(api.revision()),
            api.against() == null ? "no stable revision" : "stable " + safe(api.against()),
            safe(api.verdict()),
            api.gate() == null ? "" : " (gate " + safe(api.gate()) + ")"));
    if (api.reason() != null) {
      out.append("  cannot judge: ").append(safe(api.reason())).append('\n');
    }
    for (ApiChange c : api.breaking()) {
      out.append("  BREAKS   ").append(line(c)).append('\n');
    }
    for (ApiChange c : api.compatible()) {
      out.append("  ok       ").append(line(c)).append('\n');
    }
    if (api.breaking().isEmpty() && api.compatible().isEmpty() && api.reason() == null) {
      out.append("  no change\n");
    }
    api.notes().forEach(n -> out.append("  note: ").append(safe(n)).append('\n'));
    if (api.acceptedBy() != null) {
      out.append("  accepted by ").append(safe(api.acceptedBy())).append('\n');
    }
    return out.toString();
  }

  /** The lines {@code kubectl gantry status} adds when the gate finds something. */
  static String breaking(ApiStatus api, String name) {
    StringBuilder out = new StringBuilder();
    if (api.reason() != null) {
      out.append("  API: cannot be judged: ").append(safe(api.reason())).append('\n');
    }
    for (ApiChange c : api.breaking()) {
      out.append("  API breaks ").append(line(c)).append('\n');
    }
    out.append("  API gate: ")
        .append(safe(api.gate()))
        .append(" (details: kubectl gantry api-diff ")
        .append(safe(name))
        .append(")\n");
    return out.toString();
  }

  private static String line(ApiChange c) {
    String who =
        c.consumers().isEmpty()
            ? ""
            : c.provider() != null
                ? "  (provider " + safe(c.provider()) + ")"
                : "  (used by " + safe(String.join(", ", c.consumers())) + ")";
    return safe(c.subject()) + ": " + safe(c.change()) + who;
  }
}
