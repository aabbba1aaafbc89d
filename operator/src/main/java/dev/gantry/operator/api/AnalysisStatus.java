package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The last canary analysis: when, the verdict, every measurement, and the running counts that
 * decide abort and pause.
 *
 * @param verdict {@code Pass}, {@code Fail} or {@code Inconclusive}
 * @param revision the canary revision measured
 * @param weight the canary's weight during the measured window
 * @param failedChecks failed checks in this rollout
 * @param inconclusiveChecks inconclusive checks in a row
 * @param passedAtWeight the weight of the latest passing check
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnalysisStatus(
    String checkedAt,
    String verdict,
    String revision,
    Integer weight,
    Integer failedChecks,
    Integer inconclusiveChecks,
    Integer passedAtWeight,
    List<Measurement> measurements) {

  public AnalysisStatus {
    measurements = measurements == null ? List.of() : List.copyOf(measurements);
  }

  /**
   * One metric measured: its query, the canary's value, the stable revision's value when compared,
   * the limits, the verdict and why.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Measurement(
      String metric,
      String query,
      Double value,
      Double stableValue,
      Double requests,
      String threshold,
      String verdict,
      String reason) {}
}
