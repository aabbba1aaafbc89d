package dev.gantry.operator.render;

import static dev.gantry.operator.Fixtures.microservice;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RevisionsTest {

  private static final String BASE =
      """
      image: shop/order:1
      replicas: 2
      env: [{name: MODE, value: fast}]
      config: {greeting: hello}
      resources: {requests: {cpu: 100m}}
      """;

  @Test
  void isShortLowerCaseHexAndStable() {
    String revision = Revisions.of(microservice("order", BASE), Platform.BARE, Map.of());
    assertThat(revision).matches("[0-9a-f]{10}");
    assertThat(Revisions.of(microservice("order", BASE), Platform.BARE, Map.of()))
        .isEqualTo(revision);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "image: shop/order:2",
        "env: [{name: MODE, value: slow}]",
        "config: {greeting: bonjour}",
        "resources: {requests: {cpu: 200m}}",
        "port: 9090",
        "healthChecks: {readinessPath: /ready}",
      })
  void changesWithAnythingThatShapesThePod(String change) {
    String before = Revisions.of(microservice("order", BASE), Platform.BARE, Map.of());
    String after = Revisions.of(microservice("order", override(change)), Platform.BARE, Map.of());
    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void replicasAndTrafficSettingsDoNotMakeARevision() {
    String before = Revisions.of(microservice("order", BASE), Platform.BARE, Map.of());
    String after =
        Revisions.of(
            microservice(
                "order", BASE.replace("replicas: 2", "replicas: 5") + "traffic: {timeout: 3s}\n"),
            Platform.BARE,
            Map.of());
    assertThat(after).isEqualTo(before);
  }

  @Test
  void changesWhenThePlatformInjectsSomethingElse() {
    var withEtcd = new Platform(false, false, List.of("http://etcd:2379"), null, null);
    String spec = BASE + "discovery: {enabled: true}\n";
    assertThat(Revisions.of(microservice("order", spec), withEtcd, Map.of()))
        .isNotEqualTo(Revisions.of(microservice("order", spec), Platform.BARE, Map.of()));
  }

  @Test
  void changesWithTheApiContractAlone() {
    var ms = microservice("order", BASE);
    String v1 = Revisions.of(ms, Platform.BARE, Map.of("openapi", "openapi: 3.0.1\npaths: {}\n"));
    String v2 =
        Revisions.of(ms, Platform.BARE, Map.of("openapi", "openapi: 3.0.1\npaths: {/a: {}}\n"));
    assertThat(v1).isNotEqualTo(v2).isNotEqualTo(Revisions.of(ms, Platform.BARE, Map.of()));
    assertThat(Revisions.of(ms, Platform.BARE, Map.of("openapi", "openapi: 3.0.1\npaths: {}\n")))
        .isEqualTo(v1);
  }

  /** The base spec with one top-level field replaced. */
  private static String override(String line) {
    String key = line.substring(0, line.indexOf(':'));
    StringBuilder out = new StringBuilder();
    boolean replaced = false;
    for (String l : BASE.split("\n")) {
      if (l.startsWith(key + ":")) {
        out.append(line).append('\n');
        replaced = true;
      } else {
        out.append(l).append('\n');
      }
    }
    if (!replaced) {
      out.append(line).append('\n');
    }
    return out.toString();
  }
}
