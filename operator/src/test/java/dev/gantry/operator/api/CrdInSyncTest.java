package dev.gantry.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** crds/ holds exactly what the Java API classes generate. */
class CrdInSyncTest {

  @Test
  void microserviceCrdIsUpToDate() throws IOException {
    Path generated = Path.of("target/classes/META-INF/fabric8/microservices.gantry.dev-v1.yml");
    Path committed = Path.of("../crds/microservices.gantry.dev.yaml");
    assertThat(Files.readString(committed))
        .as("crds/microservices.gantry.dev.yaml is stale: run hack/update-crds.sh")
        .isEqualTo(Files.readString(generated));
  }
}
