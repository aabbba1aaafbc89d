package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * One metric of a canary analysis: a built-in ({@code request-success-rate} in percent, {@code
 * request-duration} as p99 in milliseconds), a platform engineer's {@code ClusterMetricTemplate}
 * named by {@code templateRef}, or a PromQL {@code query} of your own. In queries {@code
 * {{namespace}}}, {@code {{name}}}, {@code {{revision}}} and {@code {{interval}}} are replaced; a
 * query of your own reads only series of the Microservice's namespace (the operator adds that
 * matcher to every selector). Judged against a static {@code thresholdRange}, against the stable
 * revision measured in the same window, or both.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "self.name in ['request-success-rate', 'request-duration'] || has(self.query) || has(self.templateRef)",
    fieldPath = ".query",
    message =
        "a metric other than request-success-rate and request-duration needs a query or a templateRef")
@ValidationRule(
    value = "!(has(self.query) && has(self.templateRef))",
    fieldPath = ".templateRef",
    message = "a metric takes either a query or a templateRef, not both")
@ValidationRule(
    value = "has(self.thresholdRange) || has(self.relativeToStable)",
    message = "a metric needs a thresholdRange, a relativeToStable limit, or both")
public record AnalysisMetric(
    @Required @Size(min = 1, max = 63) @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") String name,
    @Size(max = 4096) String query,
    TemplateRef templateRef,
    ThresholdRange thresholdRange,
    RelativeLimit relativeToStable) {

  public static final String SUCCESS_RATE = "request-success-rate";
  public static final String DURATION = "request-duration";

  /** A {@code ClusterMetricTemplate} by name. */
  public record TemplateRef(
      @Required @Size(min = 1, max = 253) @Pattern(TemplateRef.NAME) String name) {
    static final String NAME = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
  }

  /** Acceptable values, inclusive; either bound may be absent. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(
      value = "!has(self.min) || !has(self.max) || self.min <= self.max",
      fieldPath = ".min",
      message = "min must not exceed max")
  @ValidationRule(
      value = "has(self.min) || has(self.max)",
      message = "a thresholdRange needs min, max or both")
  public record ThresholdRange(Double min, Double max) {}

  /**
   * Limits relative to the stable revision: at most {@code maxDecrease} below its value (in the
   * metric's unit, e.g. percentage points of success rate), at most {@code maxIncreasePercent}
   * above it (e.g. latency).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(
      value = "has(self.maxDecrease) || has(self.maxIncreasePercent)",
      message = "relativeToStable needs maxDecrease, maxIncreasePercent or both")
  public record RelativeLimit(@Min(0) Double maxDecrease, @Min(0) Double maxIncreasePercent) {}
}
