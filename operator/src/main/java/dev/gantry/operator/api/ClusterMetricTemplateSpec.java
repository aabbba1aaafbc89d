package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * @param query PromQL in which {@code {{namespace}}}, {@code {{name}}}, {@code {{revision}}} and
 *     {@code {{interval}}} are replaced; it should select by {@code {{namespace}}}, since it is run
 *     as written
 * @param prometheus the named Prometheus to ask; the Microservice's choice (or the default) when
 *     absent
 * @param description what the metric measures, for the teams that use it
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ClusterMetricTemplateSpec(
    @Required @Size(min = 1, max = 4096) String query,
    @Size(max = 63) @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$") String prometheus,
    @Size(max = 1024) String description) {}
