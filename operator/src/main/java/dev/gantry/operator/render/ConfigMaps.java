package dev.gantry.operator.render;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.naming.Names;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;
import java.util.TreeMap;

/**
 * A revision's configuration: {@code spec.config} as an {@code application.properties} file in an
 * immutable ConfigMap named after the revision, so a running revision never sees another's
 * settings.
 */
public final class ConfigMaps {

  public static final String FILE = "application.properties";

  private ConfigMaps() {}

  public static ConfigMap desired(Microservice ms, String revision) {
    String name = ms.getMetadata().getName();
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(Names.configMap(name, revision))
        .withNamespace(ms.getMetadata().getNamespace())
        .withLabels(Labels.forRevision(name, revision))
        .endMetadata()
        .withImmutable(true)
        .withData(Map.of(FILE, properties(ms.getSpec().config())))
        .build();
  }

  /** An older revision's ConfigMap as it exists: its data is no longer in the spec. */
  public static ConfigMap retained(ConfigMap observed) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(observed.getMetadata().getName())
        .withNamespace(observed.getMetadata().getNamespace())
        .withLabels(observed.getMetadata().getLabels())
        .endMetadata()
        .withImmutable(observed.getImmutable())
        .withData(observed.getData())
        .build();
  }

  /** The properties file, keys sorted, escaped as {@link java.util.Properties#load} reads it. */
  static String properties(Map<String, String> config) {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(config)
        .forEach(
            (key, value) ->
                out.append(escape(key, true))
                    .append('=')
                    .append(escape(value, false))
                    .append('\n'));
    return out.toString();
  }

  private static String escape(String text, boolean key) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\f' -> out.append("\\f");
        case '=', ':', '#', '!' -> out.append(key || i == 0 ? "\\" + c : String.valueOf(c));
        case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
