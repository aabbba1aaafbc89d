package dev.gantry.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** crds/ holds exactly what the Java API classes generate. */
class CrdInSyncTest {

  private static final Path GENERATED = Path.of("target/classes/META-INF/fabric8");
  private static final Path COMMITTED = Path.of("../crds");

  @Test
  void everyGeneratedCrdIsCommittedUnchanged() throws IOException {
    List<Path> generated;
    try (Stream<Path> files = Files.list(GENERATED)) {
      generated =
          files.filter(p -> p.getFileName().toString().endsWith("-v1.yml")).sorted().toList();
    }
    assertThat(generated)
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "clustermetrictemplates.gantry.dev-v1.yml",
            "microservices.gantry.dev-v1.yml",
            "releaseactions.gantry.dev-v1.yml",
            "releasegroups.gantry.dev-v1.yml");
    for (Path file : generated) {
      String name = file.getFileName().toString().replace("-v1.yml", ".yaml");
      Path committed = COMMITTED.resolve(name);
      assertThat(committed).as("crds/" + name + " is missing: run hack/update-crds.sh").exists();
      assertThat(Files.readString(committed))
          .as("crds/" + name + " is stale: run hack/update-crds.sh")
          .isEqualTo(Files.readString(file));
    }
  }
}
