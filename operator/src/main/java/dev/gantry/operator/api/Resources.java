package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/** Compute resources of the service's container: requests and limits. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value =
        "!has(self.requests) || self.requests.all(k, k in ['cpu', 'memory', 'ephemeral-storage'])",
    fieldPath = ".requests",
    message = "requests may name cpu, memory and ephemeral-storage")
@ValidationRule(
    value = "!has(self.limits) || self.limits.all(k, k in ['cpu', 'memory', 'ephemeral-storage'])",
    fieldPath = ".limits",
    message = "limits may name cpu, memory and ephemeral-storage")
@ValidationRule(
    value = "!has(self.requests) || self.requests.all(k, isQuantity(string(self.requests[k])))",
    fieldPath = ".requests",
    message = "requests must be quantities such as 250m or 512Mi")
@ValidationRule(
    value = "!has(self.limits) || self.limits.all(k, isQuantity(string(self.limits[k])))",
    fieldPath = ".limits",
    message = "limits must be quantities such as 250m or 512Mi")
@ValidationRule(
    value =
        "!has(self.requests) || !has(self.limits) || self.requests.all(k, !(k in self.limits)"
            + " || !isQuantity(string(self.limits[k])) || !isQuantity(string(self.requests[k]))"
            + " || quantity(string(self.limits[k])).compareTo(quantity(string(self.requests[k]))) >= 0)",
    fieldPath = ".limits",
    message = "each limit must be at least the matching request")
public record Resources(
    @Size(max = 3) Map<String, Quantity> requests, @Size(max = 3) Map<String, Quantity> limits) {

  public Resources {
    requests = requests == null ? Map.of() : Map.copyOf(requests);
    limits = limits == null ? Map.of() : Map.copyOf(limits);
  }
}
