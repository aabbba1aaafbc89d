package dev.gantry.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One microservice: the operator turns it into Deployments per revision, a Service, configuration,
 * routes, monitors and policies.
 */
@Group(Microservice.GROUP)
@Version(Microservice.VERSION)
@Plural("microservices")
@ShortNames("msvc")
@Categories("gantry")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Strategy", jsonPath = ".spec.rollout.strategy")
@AdditionalPrinterColumn(
    name = "Weight",
    jsonPath = ".status.canaryWeight",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.readyReplicas",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Stable", jsonPath = ".status.stableRevision", priority = 1)
@AdditionalPrinterColumn(name = "Canary", jsonPath = ".status.canaryRevision", priority = 1)
@AdditionalPrinterColumn(name = "Group", jsonPath = ".status.releaseGroup", priority = 1)
@AdditionalPrinterColumn(
    name = "Queue",
    jsonPath = ".status.queuePosition",
    type = AdditionalPrinterColumn.Type.INTEGER,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(
    value = "self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')",
    message =
        "metadata.name must be a DNS-1035 label: lower-case letters, digits and '-', starting with a letter")
@ValidationRule(
    value = "size(self.metadata.name) <= " + Microservice.MAX_NAME_LENGTH,
    message =
        "metadata.name must be at most "
            + Microservice.MAX_NAME_LENGTH
            + " characters, so that the Deployment name <name>-<revision> fits in a 63-character label")
@ValidationRule(
    value = "!has(self.spec.dependsOn) || !(self.metadata.name in self.spec.dependsOn)",
    fieldPath = ".spec.dependsOn",
    message = "spec.dependsOn must not name the Microservice itself")
public class Microservice extends CustomResource<MicroserviceSpec, MicroserviceStatus>
    implements Namespaced {

  public static final String GROUP = "gantry.dev";
  public static final String VERSION = "v1alpha1";

  /** Length of a revision: a hash of everything that shapes the pod. */
  public static final int REVISION_LENGTH = 10;

  /** 63 (the label value limit) minus '-' minus the revision. */
  public static final int MAX_NAME_LENGTH = 52;
}
