package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * Topics the service produces to and consumes from. The bootstrap address comes from the operator's
 * configuration unless set here.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value = "!has(self.produces) || self.produces.all(t, t.matches('^[a-zA-Z0-9._-]{1,249}$'))",
    fieldPath = ".produces",
    message = "topic names are 1-249 letters, digits, '.', '_' or '-'")
@ValidationRule(
    value = "!has(self.consumes) || self.consumes.all(t, t.matches('^[a-zA-Z0-9._-]{1,249}$'))",
    fieldPath = ".consumes",
    message = "topic names are 1-249 letters, digits, '.', '_' or '-'")
public record Kafka(
    @Size(max = 64) List<@Size(max = 249) String> produces,
    @Size(max = 64) List<@Size(max = 249) String> consumes,
    @Size(max = 1024) @Pattern("^[^\\s,]+(,[^\\s,]+)*$") String bootstrapServers) {

  public Kafka {
    produces = produces == null ? List.of() : List.copyOf(produces);
    consumes = consumes == null ? List.of() : List.copyOf(consumes);
  }
}
