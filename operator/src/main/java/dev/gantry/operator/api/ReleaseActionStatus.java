package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * @param outcome {@code Applied} or {@code Rejected}; absent while the action waits
 * @param message what was done, or why not
 * @param revision the canary (or stable) revision the action applied to
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReleaseActionStatus(
    String outcome, String message, String revision, String processedAt) {

  public static final String APPLIED = "Applied";
  public static final String REJECTED = "Rejected";
}
