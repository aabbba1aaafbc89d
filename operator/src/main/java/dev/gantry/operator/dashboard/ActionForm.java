package dev.gantry.operator.dashboard;

import dev.gantry.operator.api.ReleaseActionSpec;

/**
 * What the action form asked for, checked before anything reaches the API server: an offered
 * action, a whole-number weight from 0 to 100 with SetWeight only, a reason of at most 1,024
 * characters. Each refusal names the field.
 */
record ActionForm(ReleaseActionSpec.Action action, Integer weight, String reason) {

  static final int MAX_REASON = 1024;

  static ActionForm parse(String action, String weight, String reason) {
    ReleaseActionSpec.Action chosen = null;
    for (ReleaseActionSpec.Action offered : Dashboard.OFFERED) {
      if (offered.name().equals(action)) {
        chosen = offered;
      }
    }
    if (chosen == null) {
      throw new IllegalArgumentException(
          "action: must be one of SetWeight, Promote, PromoteFull, Pause, Resume, Abort, Undo");
    }
    Integer percent = null;
    if (chosen == ReleaseActionSpec.Action.SetWeight) {
      try {
        percent = Integer.valueOf(weight == null ? "" : weight.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("weight: a whole number of percent from 0 to 100");
      }
      if (percent < 0 || percent > 100) {
        throw new IllegalArgumentException("weight: a whole number of percent from 0 to 100");
      }
    }
    String why = reason == null || reason.isBlank() ? null : reason.strip();
    if (why != null && why.length() > MAX_REASON) {
      throw new IllegalArgumentException("reason: at most " + MAX_REASON + " characters");
    }
    return new ActionForm(chosen, percent, why);
  }
}
