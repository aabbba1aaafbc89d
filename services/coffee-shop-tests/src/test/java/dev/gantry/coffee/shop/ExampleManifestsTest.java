package dev.gantry.coffee.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.coffee.contract.Topics;
import dev.gantry.testing.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * examples/coffee-shop must describe the services as they are: every spec field known to the
 * Microservice CRD, one manifest per service, dependsOn naming real callees, every consumed topic
 * produced by someone, and the paths the services actually serve.
 */
class ExampleManifestsTest {
  private static final Path REPO = ServiceProcess.servicesDir().getParent();
  private static final Path EXAMPLES = REPO.resolve("examples").resolve("coffee-shop");
  private static final Path CRD = REPO.resolve("crds").resolve("microservices.gantry.dev.yaml");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(Path file) {
    try {
      return new Yaml().load(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Map<String, Object>> manifests() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml"))
          .sorted()
          .map(ExampleManifestsTest::load)
          .toList();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(Map<String, Object> manifest) {
    return (Map<String, Object>) manifest.get("spec");
  }

  @Test
  @SuppressWarnings("unchecked")
  void oneManifestPerServiceWithTheContractPaths() throws IOException {
    List<Map<String, Object>> manifests = manifests();
    assertThat(manifests)
        .extracting(m -> ((Map<String, Object>) m.get("metadata")).get("name"))
        .containsExactlyInAnyOrder("member", "order", "barista", "notification");
    for (Map<String, Object> manifest : manifests) {
      assertThat(manifest)
          .containsEntry("apiVersion", "gantry.dev/v1alpha1")
          .containsEntry("kind", "Microservice");
      Map<String, Object> spec = spec(manifest);
      assertThat((String) spec.get("image")).isNotBlank();
      assertThat(spec.get("discovery")).isEqualTo(Map.of("enabled", true));
      assertThat(((Map<String, Object>) spec.get("monitoring")).get("path"))
          .isEqualTo("/prometheus");
      assertThat((Map<String, Object>) spec.get("healthChecks"))
          .containsEntry("readinessPath", "/health/readiness")
          .containsEntry("livenessPath", "/health/liveness");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void dependenciesAndTopicsLineUp() throws IOException {
    Set<String> names = new HashSet<>();
    Set<String> produced = new HashSet<>();
    List<String> consumed = new ArrayList<>();
    List<String> dependsOn = new ArrayList<>();
    for (Map<String, Object> manifest : manifests()) {
      names.add((String) ((Map<String, Object>) manifest.get("metadata")).get("name"));
      Map<String, Object> spec = spec(manifest);
      dependsOn.addAll((List<String>) spec.getOrDefault("dependsOn", List.of()));
      Map<String, Object> kafka = (Map<String, Object>) spec.getOrDefault("kafka", Map.of());
      produced.addAll((List<String>) kafka.getOrDefault("produces", List.of()));
      consumed.addAll((List<String>) kafka.getOrDefault("consumes", List.of()));
    }
    assertThat(names).containsAll(dependsOn);
    assertThat(dependsOn).contains("member");
    assertThat(produced).containsAll(consumed).containsAll(Topics.ALL);
  }

  /**
   * Each operation a service declares in api.uses is one its provider serves, as the provider's
   * OpenAPI document (generated at build time) says.
   */
  @Test
  @SuppressWarnings("unchecked")
  void declaredUsesAreOperationsTheProvidersServe() throws IOException {
    int checked = 0;
    for (Map<String, Object> manifest : manifests()) {
      Map<String, Object> api = (Map<String, Object>) spec(manifest).getOrDefault("api", Map.of());
      for (Map<String, Object> use :
          (List<Map<String, Object>>) api.getOrDefault("uses", List.of())) {
        String provider = (String) use.get("service");
        Path document =
            ServiceProcess.servicesDir()
                .resolve(provider)
                .resolve("target/classes/META-INF/swagger/" + provider + "-1.0.yml");
        Map<String, Map<String, Object>> paths =
            (Map<String, Map<String, Object>>) load(document).get("paths");
        Set<String> served = new HashSet<>();
        paths.forEach(
            (path, item) ->
                item.keySet().forEach(method -> served.add(method.toUpperCase() + " " + path)));
        for (String operation : (List<String>) use.get("operations")) {
          assertThat(served).as("%s serves %s", provider, operation).contains(operation);
          checked++;
        }
      }
    }
    assertThat(checked).isPositive();
  }

  @Test
  @SuppressWarnings("unchecked")
  void everySpecFieldIsKnownToTheCrd() throws IOException {
    Map<String, Object> crd = load(CRD);
    Map<String, Object> version =
        ((List<Map<String, Object>>) ((Map<String, Object>) crd.get("spec")).get("versions"))
            .get(0);
    Map<String, Object> specSchema =
        (Map<String, Object>)
            ((Map<String, Object>)
                    ((Map<String, Object>)
                            ((Map<String, Object>) version.get("schema")).get("openAPIV3Schema"))
                        .get("properties"))
                .get("spec");
    List<String> unknown = new ArrayList<>();
    for (Map<String, Object> manifest : manifests()) {
      collectUnknown(spec(manifest), specSchema, "spec", unknown);
    }
    assertThat(unknown).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static void collectUnknown(
      Object value, Map<String, Object> schema, String path, List<String> unknown) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
      if (properties == null) {
        return; // a free-form map (config, resources)
      }
      map.forEach(
          (key, child) -> {
            Object childSchema = properties.get(key);
            if (childSchema == null) {
              unknown.add(path + "." + key);
            } else {
              collectUnknown(child, (Map<String, Object>) childSchema, path + "." + key, unknown);
            }
          });
    } else if (value instanceof List<?> list) {
      Object items = schema.get("items");
      for (int i = 0; i < list.size(); i++) {
        if (items instanceof Map<?, ?>) {
          collectUnknown(list.get(i), (Map<String, Object>) items, path + "[" + i + "]", unknown);
        }
      }
    }
  }
}
