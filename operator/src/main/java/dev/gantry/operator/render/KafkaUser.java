package dev.gantry.operator.render;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A Strimzi KafkaUser: a generic object (its spec a plain map, no Strimzi model needed) whose kind
 * is declared here. A watch of a kind known only by name must ask the API server where it is served
 * before it can even be set up, and fails while Strimzi is not installed — which JOSDK does to a
 * dependent it switches off, too; a declared kind is set up without asking.
 */
@Group(KafkaUsers.GROUP)
@Version(KafkaUsers.VERSION)
@Kind(KafkaUsers.KIND)
@Plural("kafkausers")
public class KafkaUser extends GenericKubernetesResource implements Namespaced {}
