package dev.gantry.operator.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * Operations this service calls on a Microservice it depends on.
 *
 * @param service a Microservice named in {@code dependsOn}
 * @param operations {@code METHOD /path}, the path as written in the provider's OpenAPI document
 */
public record ApiUse(
    @Required @Size(max = 52) @Pattern("^[a-z]([-a-z0-9]*[a-z0-9])?$") String service,
    @Required @Size(min = 1, max = 256)
        List<
                @Size(max = 512)
                @Pattern("^(GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS|TRACE) /[^\\s]*$") String>
            operations) {

  public ApiUse {
    operations = operations == null ? List.of() : List.copyOf(operations);
  }
}
