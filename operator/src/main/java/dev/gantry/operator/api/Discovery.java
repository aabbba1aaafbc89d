package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;

/**
 * Registration in the etcd service registry. The endpoints come from the operator's configuration
 * and reach the service through its environment.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Discovery(@Default("false") Boolean enabled) {

  public static final Discovery DISABLED = new Discovery(false);

  public Discovery {
    enabled = enabled != null && enabled;
  }
}
