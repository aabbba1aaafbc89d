package dev.gantry.operator.render;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.naming.Names;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;

/**
 * A revision's API contract, kept in an immutable ConfigMap named after the revision: its OpenAPI
 * document under {@code openapi} and each event schema under {@code event.<topic>}. The gate
 * compares a new revision with the stable one's stored contract, so later edits to the team's
 * source ConfigMaps never change what the stable revision is judged to serve. Pods do not mount it.
 */
public final class ApiConfigMaps {

  public static final String OPENAPI = "openapi";
  private static final String EVENT_PREFIX = "event.";

  private ApiConfigMaps() {}

  public static String eventKey(String topic) {
    return EVENT_PREFIX + topic;
  }

  /** The topic of an event schema's key, or null for another key. */
  public static String topicOf(String key) {
    return key.startsWith(EVENT_PREFIX) ? key.substring(EVENT_PREFIX.length()) : null;
  }

  public static ConfigMap desired(Microservice ms, String revision, Map<String, String> documents) {
    String name = ms.getMetadata().getName();
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(Names.apiConfigMap(name, revision))
        .withNamespace(ms.getMetadata().getNamespace())
        .withLabels(Labels.forRevision(name, revision))
        .endMetadata()
        .withImmutable(true)
        .withData(documents)
        .build();
  }
}
