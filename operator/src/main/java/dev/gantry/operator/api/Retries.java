package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Retries the mesh makes on the caller's behalf. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Retries(
    @Required @Min(0) @Max(10) Integer attempts,
    @Size(max = 32) @Pattern(Durations.PATTERN) String perTryTimeout,
    @Size(max = 256) @Pattern("^[a-z0-9-]+(,[a-z0-9-]+)*$") String retryOn) {}
