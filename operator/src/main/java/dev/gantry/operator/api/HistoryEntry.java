package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One release action in a Microservice's history: who, what, when, why, and what came of it.
 *
 * @param actionUid the ReleaseAction's uid: an action found in the history is never applied twice
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEntry(
    String time,
    String user,
    String action,
    Integer weight,
    String reason,
    String outcome,
    String message,
    String revision,
    String actionName,
    String actionUid) {}
