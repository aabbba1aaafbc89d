package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.EnvVarSource;

/** An environment variable: a literal value, or a reference (Secret, ConfigMap, field). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value = "!(has(self.value) && has(self.valueFrom))",
    message = "set either value or valueFrom, not both")
public record EnvVar(
    @Required @Size(min = 1, max = 128) @Pattern("^[-._a-zA-Z][-._a-zA-Z0-9]*$") String name,
    @Size(max = 32768) String value,
    EnvVarSource valueFrom) {}
