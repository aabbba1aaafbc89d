package dev.gantry.operator.dependent;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.render.ApiConfigMaps;
import dev.gantry.operator.render.ConfigMaps;
import dev.gantry.operator.render.Dashboards;
import dev.gantry.operator.render.KafkaAccessConfigMaps;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.HashMap;
import java.util.Map;

/**
 * The service's ConfigMaps: the configuration and the API contract of each running revision (one
 * immutable ConfigMap of each per revision; a revision that still runs keeps the ones it started
 * with), its Grafana dashboard while monitoring is on, and the list of its Kafka user and ACLs
 * while it has a kafka block. One dependent for all of them: JOSDK hands a bulk dependent every
 * ConfigMap its Microservice controls, and a second one would delete the other's as not desired.
 */
@KubernetesDependent(
    informer =
        @Informer(
            labelSelector = Labels.MANAGED_SELECTOR,
            itemStore = CompactManagedFieldsStore.class))
public class ConfigMapDependent extends MicroserviceChildren<ConfigMap> {

  public static final String NAME = "configmaps";

  public ConfigMapDependent() {
    super(ConfigMap.class);
  }

  @Override
  public Map<ResourceID, ConfigMap> desiredResources(
      Microservice ms, Context<Microservice> context) {
    var state = ReconcileState.of(context);
    var existing = getSecondaryResources(ms, context);
    Map<ResourceID, ConfigMap> desired = new HashMap<>();
    for (String revision : state.plan().replicas().keySet()) {
      if (revision.equals(state.plan().revision())) {
        if (!ms.getSpec().config().isEmpty()) {
          ConfigMap configMap = ConfigMaps.desired(ms, revision);
          desired.put(ResourceID.fromResource(configMap), configMap);
        }
        if (!state.apiDocuments().isEmpty()) {
          ConfigMap contract = ApiConfigMaps.desired(ms, revision, state.apiDocuments());
          desired.put(ResourceID.fromResource(contract), contract);
        }
      } else {
        // An older revision's configuration is no longer in the spec: keep what exists.
        existing.values().stream()
            .filter(cm -> revision.equals(cm.getMetadata().getLabels().get(Labels.REVISION)))
            .forEach(cm -> desired.put(ResourceID.fromResource(cm), ConfigMaps.retained(cm)));
      }
    }
    if (ms.getSpec().monitoring().enabled()) {
      ConfigMap dashboard = Dashboards.desired(ms, state.platform().metricsSource());
      desired.put(ResourceID.fromResource(dashboard), dashboard);
    }
    state
        .kafkaAccess()
        .ifPresent(
            access -> {
              ConfigMap list =
                  KafkaAccessConfigMaps.desired(
                      ms.getMetadata().getNamespace(), ms.getMetadata().getName(), access);
              desired.put(ResourceID.fromResource(list), list);
            });
    return desired;
  }
}
