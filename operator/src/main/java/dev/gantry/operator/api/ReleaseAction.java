package dev.gantry.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.Locale;

/**
 * A release manager's command to a Microservice's rollout, as an API object: release managers need
 * rights on this kind only, and tools that own the Microservice's spec never revert it.
 */
@Group(Microservice.GROUP)
@Version(Microservice.VERSION)
@Plural("releaseactions")
@ShortNames("ra")
@Categories("gantry")
@AdditionalPrinterColumn(name = "Target", jsonPath = ".spec.target")
@AdditionalPrinterColumn(name = "Group", jsonPath = ".spec.group")
@AdditionalPrinterColumn(name = "Action", jsonPath = ".spec.action")
@AdditionalPrinterColumn(
    name = "Weight",
    jsonPath = ".spec.weight",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "By", jsonPath = ".spec.requestedBy")
@AdditionalPrinterColumn(name = "Outcome", jsonPath = ".status.outcome")
@AdditionalPrinterColumn(name = "Message", jsonPath = ".status.message", priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(
    value = "!has(oldSelf.spec) || self.spec == oldSelf.spec",
    fieldPath = ".spec",
    message = "a ReleaseAction cannot be changed once made; create a new one")
public class ReleaseAction extends CustomResource<ReleaseActionSpec, ReleaseActionStatus>
    implements Namespaced {

  /**
   * A new request: {@code action} on the Microservice {@code name}, or on every member of the
   * ReleaseGroup {@code name} when {@code group}; its name is generated from the target and action.
   */
  public static ReleaseAction request(
      String namespace,
      String name,
      boolean group,
      ReleaseActionSpec.Action action,
      Integer weight,
      String reason,
      String requestedBy) {
    ReleaseAction request = new ReleaseAction();
    request.setMetadata(
        new ObjectMetaBuilder()
            .withGenerateName(name + "-" + action.name().toLowerCase(Locale.ROOT) + "-")
            .withNamespace(namespace)
            .build());
    request.setSpec(
        group
            ? new ReleaseActionSpec(null, action, weight, reason, requestedBy, name)
            : new ReleaseActionSpec(name, action, weight, reason, requestedBy));
    return request;
  }
}
