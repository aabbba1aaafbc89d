package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One member in its group's release: what it serves, what the group releases for it, and what the
 * group tells it to do now.
 *
 * @param candidateRevision the revision the release brings; null when the member did not change
 * @param previousRevision the stable revision before the group's last promotion, for an undo
 * @param weight the canary weight the group gives it now
 * @param directive what the member does now: {@code Wait}, {@code Step}, {@code Promote}, {@code
 *     Abort}, {@code Retry} (stop holding an aborted candidate back), {@code Undo} or {@code None}
 * @param order its place among the changed members: providers (0) before their consumers
 * @param phase the member's own phase, as last seen
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MemberRelease(
    String name,
    String stableRevision,
    String candidateRevision,
    String previousRevision,
    Integer weight,
    String directive,
    Integer order,
    String phase) {

  public static final String WAIT = "Wait";
  public static final String STEP = "Step";
  public static final String PROMOTE = "Promote";
  public static final String ABORT = "Abort";
  public static final String RETRY = "Retry";
  public static final String UNDO = "Undo";
  public static final String NONE = "None";
}
