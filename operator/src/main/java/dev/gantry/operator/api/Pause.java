package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** A pause for {@code duration}, or, without one, until a release manager resumes. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Pause(@Size(max = 32) @Pattern(Durations.PATTERN) String duration) {}
