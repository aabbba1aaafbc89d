package dev.gantry.operator.dependent;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.render.AuthorizationPolicies;
import io.fabric8.istio.api.security.v1.AuthorizationPolicy;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The Istio AuthorizationPolicy admitting exactly the service's declared callers. */
@KubernetesDependent(
    informer =
        @Informer(
            labelSelector = Labels.MANAGED_SELECTOR,
            itemStore = CompactManagedFieldsStore.class))
public class AuthorizationPolicyDependent extends MicroserviceChild<AuthorizationPolicy> {

  public static final String NAME = "authorizationpolicy";

  public AuthorizationPolicyDependent() {
    super(AuthorizationPolicy.class);
  }

  @Override
  protected AuthorizationPolicy desired(Microservice ms, Context<Microservice> context) {
    var state = ReconcileState.of(context);
    return AuthorizationPolicies.desired(
        state.admitted(), state.platform().mesh(), state.callers());
  }
}
