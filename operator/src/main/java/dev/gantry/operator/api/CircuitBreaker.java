package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/**
 * Outlier detection (eject instances that keep failing) and a connection pool (bound the load one
 * caller puts on the service).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CircuitBreaker(
    @Min(1) @Max(1000) Integer consecutive5xxErrors,
    @Size(max = 32) @Pattern(Durations.PATTERN) String interval,
    @Size(max = 32) @Pattern(Durations.PATTERN) String baseEjectionTime,
    @Min(0) @Max(100) Integer maxEjectionPercent,
    @Min(1) @Max(1000000) Integer maxConnections,
    @Min(1) @Max(1000000) Integer maxPendingRequests,
    @Min(1) @Max(1000000) Integer maxRequestsPerConnection) {}
