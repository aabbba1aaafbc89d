package dev.gantry.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.operator.naming.Labels;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigMapsTest {

  @Test
  void propertiesFileReadsBackToTheSameMap() throws IOException {
    Map<String, String> config =
        Map.of(
            "micronaut.server.port", "8080",
            "greeting", "hello = world: #1 !",
            "key with spaces", " leading space",
            "multi", "line one\nline two",
            "windows.path", "C:\\temp",
            "unicode", "café ☕",
            "list[0]", "a");
    Properties read = new Properties();
    read.load(new StringReader(ConfigMaps.properties(config)));
    assertThat(read).containsExactlyInAnyOrderEntriesOf(config);
  }

  @Test
  void keysAreSortedSoTheFileIsDeterministic() {
    assertThat(ConfigMaps.properties(Map.of("b", "2", "a", "1"))).isEqualTo("a=1\nb=2\n");
  }

  @Test
  void configMapIsImmutableAndNamedAfterTheRevision() {
    var cm =
        ConfigMaps.desired(
            dev.gantry.operator.Fixtures.microservice(
                "order",
                """
        image: shop/order:1
        config: {greeting: hello}
        """),
            "abc");
    assertThat(cm.getMetadata().getName()).isEqualTo("order-abc-config");
    assertThat(cm.getImmutable()).isTrue();
    assertThat(cm.getData()).containsEntry("application.properties", "greeting=hello\n");
    assertThat(cm.getMetadata().getLabels()).containsEntry(Labels.REVISION, "abc");
  }
}
