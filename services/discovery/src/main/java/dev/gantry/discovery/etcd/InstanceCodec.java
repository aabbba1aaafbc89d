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

/** Instance JSON in and out of etcd; a value that does not parse is skipped, never fatal. */
@Singleton
class InstanceCodec {
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
    Optional<String> id = InstanceKeys.instanceId(key);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new RegisteredInstance(
              id.get(), json.readValue(kv.getValue().getBytes(), Instance.class)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }
}
