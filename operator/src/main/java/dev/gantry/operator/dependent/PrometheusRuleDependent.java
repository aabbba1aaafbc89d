package dev.gantry.operator.dependent;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.render.PrometheusRules;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** The service's SLO alerts, while it declares objectives and is monitored. */
@KubernetesDependent(
    informer =
        @Informer(
            labelSelector = Labels.MANAGED_SELECTOR,
            itemStore = CompactManagedFieldsStore.class))
public class PrometheusRuleDependent extends MicroserviceChild<PrometheusRule> {

  public static final String NAME = "prometheusrule";

  public PrometheusRuleDependent() {
    super(PrometheusRule.class);
  }

  @Override
  protected PrometheusRule desired(Microservice ms, Context<Microservice> context) {
    return PrometheusRules.desired(ms, ReconcileState.of(context).platform().metricsSource());
  }

  /** {@code monitoring.slo} is declared and monitoring is on. */
  public static class ObjectivesDeclared implements Condition<PrometheusRule, Microservice> {
    @Override
    public boolean isMet(
        DependentResource<PrometheusRule, Microservice> dependent,
        Microservice ms,
        Context<Microservice> context) {
      return ms.getSpec().monitoring().enabled() && ms.getSpec().monitoring().slo() != null;
    }
  }
}
