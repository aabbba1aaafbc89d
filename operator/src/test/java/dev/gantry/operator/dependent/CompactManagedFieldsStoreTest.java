package dev.gantry.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompactManagedFieldsStoreTest {

  private static final String CONFIG_MAP =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: order
        namespace: shop
        managedFields:
          - manager: microservice
            operation: Apply
            fieldsType: FieldsV1
            fieldsV1:
              f:data:
                f:greeting: {}
              f:metadata:
                f:labels:
                  f:app.kubernetes.io/name: {}
                f:ownerReferences:
                  k:{"uid":"1234"}: {}
          - manager: kubectl
            operation: Update
            fieldsType: FieldsV1
            fieldsV1:
              f:data:
                .: {}
                f:note: {}
      data: {greeting: hello, note: kept}
      """;

  @Test
  void storesTheSameManagedFieldsAndObject() throws Exception {
    ConfigMap parsed = Serialization.unmarshal(CONFIG_MAP, ConfigMap.class);
    ConfigMap stored = Serialization.unmarshal(CONFIG_MAP, ConfigMap.class);
    var store = new CompactManagedFieldsStore<ConfigMap>();

    store.put(store.getKey(stored), stored);

    assertThat(store.get("shop/order")).isSameAs(stored).isEqualTo(parsed);
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(Serialization.asJson(stored)))
        .isEqualTo(json.readTree(Serialization.asJson(parsed)));
  }

  @Test
  void emptyFieldsShareOneImmutableMap() {
    ConfigMap stored = Serialization.unmarshal(CONFIG_MAP, ConfigMap.class);

    CompactManagedFieldsStore.compact(stored);

    Map<String, Object> fields =
        stored.getMetadata().getManagedFields().get(0).getFieldsV1().getAdditionalProperties();
    Object greeting = ((Map<?, ?>) fields.get("f:data")).get("f:greeting");
    Object owner =
        ((Map<?, ?>) ((Map<?, ?>) fields.get("f:metadata")).get("f:ownerReferences"))
            .get("k:{\"uid\":\"1234\"}");
    assertThat(greeting).isSameAs(owner).isSameAs(Map.of());
  }

  @Test
  void leavesATreeItDoesNotKnowAsItIs() {
    Map<String, Object> unusual = new HashMap<>();
    unusual.put("f:replicas", 3);

    assertThat(CompactManagedFieldsStore.compact(unusual)).isSameAs(unusual);
  }

  @Test
  void objectsWithoutManagedFieldsAreStoredUnchanged() {
    ConfigMap bare = Serialization.unmarshal("metadata: {name: a, namespace: b}", ConfigMap.class);
    var store = new CompactManagedFieldsStore<ConfigMap>();

    store.put(store.getKey(bare), bare);

    assertThat(store.get("b/a")).isSameAs(bare);
    assertThat(bare.getMetadata().getManagedFields()).isNullOrEmpty();
  }
}
