package dev.gantry.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Microservices released as one: the ones that changed together move through the group's steps
 * together, providers before their consumers, and are promoted, aborted or undone together.
 */
@Group(Microservice.GROUP)
@Version(Microservice.VERSION)
@Plural("releasegroups")
@ShortNames("rg")
@Categories("gantry")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase")
@AdditionalPrinterColumn(
    name = "Step",
    jsonPath = ".status.currentStepIndex",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Weight",
    jsonPath = ".status.weight",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Releasing", jsonPath = ".status.releasing")
@AdditionalPrinterColumn(
    name = "Queue",
    jsonPath = ".status.queuePosition",
    type = AdditionalPrinterColumn.Type.INTEGER,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ReleaseGroup extends CustomResource<ReleaseGroupSpec, ReleaseGroupStatus>
    implements Namespaced {}
