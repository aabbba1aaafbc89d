package dev.gantry.discovery.etcd;

import dev.gantry.discovery.Instance;
import dev.gantry.discovery.InstanceKeys;
import dev.gantry.discovery.RegisteredInstance;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instance JSON in and out of etcd. A value that does not parse is skipped, never fatal; a value
 * that names another service or namespace than its key is refused and reported, so an instance
 * forged under someone else's key never receives calls.
 */
@Singleton
class InstanceCodec {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceCodec.class);
  private final JsonMapper json;

  InstanceCodec(JsonMapper json) {
    this.json = json;
  }

  ByteSequence encode(Instance instance) {
    try {
      return ByteSequence.from(json.writeValueAsBytes(instance));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Optional<RegisteredInstance> decode(KeyValue kv) {
    String key = kv.getKey().toString(StandardCharsets.UTF_8);
    Optional<InstanceKeys.Location> location = InstanceKeys.parse(key);
    if (location.isEmpty()) {
      return Optional.empty();
    }
    Instance instance;
    try {
      instance = json.readValue(kv.getValue().getBytes(), Instance.class);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    if (instance == null || !location.get().holds(instance)) {
      LOG.warn(
          "ignored the registry entry {}: its value says service {} in namespace {}",
          key,
          instance == null ? null : instance.service(),
          instance == null ? null : instance.namespace());
      return Optional.empty();
    }
    return Optional.of(new RegisteredInstance(location.get().id(), instance));
  }

  static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }
}
