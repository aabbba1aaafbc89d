package dev.gantry.operator.render;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.naming.Names;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.HashMap;
import java.util.Map;

/**
 * One Deployment per revision, named {@code <name>-<revision>}. Its pod template never changes
 * after creation, so a Deployment is only ever scaled: promotion moves traffic, it never rolls pods
 * a second time.
 */
public final class Deployments {

  private Deployments() {}

  /** The Deployment of the spec's current revision. */
  public static Deployment desired(
      Microservice ms, Platform platform, String revision, int replicas) {
    String name = ms.getMetadata().getName();
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(Names.deployment(name, revision))
        .withNamespace(ms.getMetadata().getNamespace())
        .withLabels(Labels.forRevision(name, revision))
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withRevisionHistoryLimit(1)
        .withProgressDeadlineSeconds(ms.getSpec().healthChecks().startupTimeoutSeconds() + 120)
        .withNewSelector()
        .withMatchLabels(Labels.revisionSelector(name, revision))
        .endSelector()
        .withTemplate(PodTemplates.render(ms, platform, revision))
        .endSpec()
        .build();
  }

  /**
   * An older revision, whose spec is gone: the Deployment as it exists, with a new replica count.
   * Only what the operator set is kept, so applying it changes nothing but replicas.
   */
  public static Deployment retained(Deployment observed, int replicas) {
    ObjectMeta meta = observed.getMetadata();
    Map<String, String> labels =
        meta.getLabels() == null ? Map.of() : new HashMap<>(meta.getLabels());
    return new DeploymentBuilder()
        .withMetadata(
            new ObjectMetaBuilder()
                .withName(meta.getName())
                .withNamespace(meta.getNamespace())
                .withLabels(labels)
                .build())
        .withNewSpecLike(observed.getSpec())
        .withReplicas(replicas)
        .endSpec()
        .build();
  }

  /** The revision a Deployment belongs to, from its label. */
  public static String revisionOf(Deployment deployment) {
    Map<String, String> labels = deployment.getMetadata().getLabels();
    return labels == null ? null : labels.get(Labels.REVISION);
  }
}
