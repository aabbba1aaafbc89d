package dev.gantry.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The informer cache of a child kind, holding each object's managedFields in compact, immutable
 * maps. Server-side apply matching reads them, nothing writes them; as parsed they are a tree of
 * LinkedHashMaps (one per field, most of them empty) and were the largest part of the operator's
 * heap; compacted, the live heap with 500 Microservices fell from about 104 to 76 MiB.
 */
final class CompactManagedFieldsStore<R extends HasMetadata> extends BasicItemStore<R> {

  CompactManagedFieldsStore() {
    super(Cache::metaNamespaceKeyFunc);
  }

  @Override
  public R put(String key, R object) {
    compact(object);
    return super.put(key, object);
  }

  static void compact(HasMetadata object) {
    if (object.getMetadata().getManagedFields() == null) {
      return;
    }
    for (ManagedFieldsEntry entry : object.getMetadata().getManagedFields()) {
      if (entry.getFieldsV1() != null) {
        entry
            .getFieldsV1()
            .setAdditionalProperties(compact(entry.getFieldsV1().getAdditionalProperties()));
      }
    }
  }

  /**
   * The same tree in immutable maps; a tree holding anything but maps and strings stays as it is.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> compact(Map<String, Object> fields) {
    Map<String, Object> compacted = new LinkedHashMap<>(fields.size() * 2);
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      Object value = field.getValue();
      if (field.getKey() == null || !(value instanceof Map || value instanceof String)) {
        return fields;
      }
      compacted.put(
          field.getKey(),
          value instanceof Map<?, ?> map ? compact((Map<String, Object>) map) : value);
    }
    return Map.copyOf(compacted);
  }
}
