package dev.gantry.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * The service's API contract, which the API-compatibility gate checks before a new revision gets
 * traffic: the OpenAPI document it serves, the operations it calls on the services it depends on,
 * and the JSON Schema of each event it produces.
 *
 * @param openapi the OpenAPI 3 document this service serves; part of the revision
 * @param uses the operations this service calls on each Microservice it depends on; a provider
 *     named in {@code dependsOn} but not here counts as used entirely
 * @param onBreakingChange {@code Block}: a revision that breaks a declared consumer gets no
 *     traffic; {@code Allow}: it proceeds, with a Warning Event
 * @param events the schema of each event this service produces
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value = "!has(self.uses) || self.uses.all(u, self.uses.exists_one(v, v.service == u.service))",
    fieldPath = ".uses",
    message = "api.uses must name each service once")
@ValidationRule(
    value =
        "!has(self.events) || self.events.all(e, self.events.exists_one(f, f.topic == e.topic))",
    fieldPath = ".events",
    message = "api.events must name each topic once")
public record Api(
    ApiDocumentRef openapi,
    @Size(max = 64) List<ApiUse> uses,
    @Default("Block") OnBreakingChange onBreakingChange,
    @Size(max = 64) List<EventContract> events) {

  public Api {
    uses = uses == null ? List.of() : List.copyOf(uses);
    onBreakingChange = onBreakingChange == null ? OnBreakingChange.Block : onBreakingChange;
    events = events == null ? List.of() : List.copyOf(events);
  }

  /** What happens to a revision that breaks a declared consumer. */
  public enum OnBreakingChange {
    /** It gets no traffic until the change is fixed or a release manager accepts it. */
    Block,
    /** It proceeds; a Warning Event says whom it breaks. */
    Allow
  }
}
