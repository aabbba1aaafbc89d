package dev.gantry.operator.dashboard;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** What the API server lets a client do, asked with SelfSubjectAccessReviews. */
final class Permissions {

  static final String GANTRY = "gantry.dev";

  private Permissions() {}

  /** May {@code client} {@code verb} {@code resource} of {@code group} in {@code namespace}? */
  static boolean may(
      KubernetesClient client, String verb, String group, String resource, String namespace) {
    SelfSubjectAccessReview review =
        new SelfSubjectAccessReviewBuilder()
            .withNewSpec()
            .withResourceAttributes(
                new ResourceAttributesBuilder()
                    .withVerb(verb)
                    .withGroup(group)
                    .withResource(resource)
                    .withNamespace(namespace)
                    .build())
            .endSpec()
            .build();
    SelfSubjectAccessReview answer = client.resource(review).create();
    return answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
  }

  static boolean mayCreateReleaseActions(KubernetesClient client, String namespace) {
    return may(client, "create", GANTRY, "releaseactions", namespace);
  }
}
