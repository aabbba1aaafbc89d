package dev.gantry.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A metric written by a platform engineer, for every team's canary analysis to use by name ({@code
 * templateRef}). Cluster-scoped, so teams, who hold rights in their namespaces only, can use
 * templates but not write them; the operator runs a template's query as written (with the
 * Microservice's namespace, name, revision and interval filled in), unlike a team's own query,
 * which it confines to the team's namespace.
 */
@Group(Microservice.GROUP)
@Version(Microservice.VERSION)
@Plural("clustermetrictemplates")
@ShortNames("cmt")
@Categories("gantry")
@AdditionalPrinterColumn(name = "Prometheus", jsonPath = ".spec.prometheus")
@AdditionalPrinterColumn(name = "Description", jsonPath = ".spec.description", priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ClusterMetricTemplate extends CustomResource<ClusterMetricTemplateSpec, Void> {}
