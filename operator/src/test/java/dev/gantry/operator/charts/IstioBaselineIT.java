package dev.gantry.operator.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.operator.testing.LocalCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * istio/ applies as its README says, under the real Istio CRD schemas: the mesh files into
 * istio-system, the namespace files into whichever namespace {@code -n} names.
 */
class IstioBaselineIT {

  private static final Path ISTIO = LocalCluster.repoRoot().resolve("istio");

  private static InstalledPlatform platform;

  @BeforeAll
  static void cluster() {
    platform = InstalledPlatform.get();
    platform
        .cluster
        .admin()
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName("istio-system").endMetadata().build())
        .createOr(existing -> existing.update());
  }

  @Test
  void meshFilesApplyToIstioSystem() {
    String applied =
        platform.cluster.kubectl("apply", "--server-side", "-f", ISTIO.resolve("mesh").toString());
    assertThat(applied)
        .contains("peerauthentication.security.istio.io/default serverside-applied")
        .contains("telemetry.telemetry.istio.io/mesh-default serverside-applied")
        .contains("gateway.networking.istio.io/gantry-gateway serverside-applied");

    JsonNode peer = get("peerauthentication", "default", "istio-system");
    assertThat(peer.path("spec").path("mtls").path("mode").asText()).isEqualTo("STRICT");
    assertThat(peer.path("spec").has("selector")).as("mesh-wide: no workload selector").isFalse();

    JsonNode telemetry = get("telemetry", "mesh-default", "istio-system");
    assertThat(
            telemetry
                .path("spec")
                .path("metrics")
                .get(0)
                .path("providers")
                .get(0)
                .path("name")
                .asText())
        .isEqualTo("prometheus");

    JsonNode gateway = get("gateway", "gantry-gateway", "istio-system");
    JsonNode servers = gateway.path("spec").path("servers");
    assertThat(servers.get(0).path("port").path("protocol").asText()).isEqualTo("HTTPS");
    assertThat(servers.get(0).path("tls").path("credentialName").asText()).isNotBlank();
    assertThat(servers.get(1).path("tls").path("httpsRedirect").asBoolean())
        .as("port 80 only redirects")
        .isTrue();
  }

  @Test
  void namespaceFilesApplyWhereverTheyAreSent() throws Exception {
    List<Path> files;
    try (var listing = Files.list(ISTIO.resolve("namespace"))) {
      files = listing.toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      Manifests.read(file)
          .objects()
          .forEach(
              o ->
                  assertThat(o.path("metadata").has("namespace"))
                      .as("%s names no namespace", file.getFileName())
                      .isFalse());
    }
    String namespace = platform.cluster.createNamespace("mesh-ns");
    platform.cluster.kubectl(
        "apply", "--server-side", "-n", namespace, "-f", ISTIO.resolve("namespace").toString());
    JsonNode deny = get("authorizationpolicy", "default-deny", namespace);
    // Allow-nothing: no rules and no DENY action, so the operator's ALLOW policies still apply.
    assertThat(deny.path("spec").has("rules")).isFalse();
    assertThat(deny.path("spec").path("action").asText("ALLOW")).isEqualTo("ALLOW");
    assertThat(deny.path("spec").has("selector")).as("the whole namespace").isFalse();
  }

  /** Acceptance means something only if the schema refuses what is wrong. */
  @Test
  void theIstioSchemaIsEnforcing() throws Exception {
    Path bad = Files.createTempFile("peer-authentication", ".yaml");
    Files.writeString(
        bad,
        """
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: wrong, namespace: istio-system}
        spec: {mtls: {mode: STRICTEST}}
        """);
    assertThatThrownBy(
            () -> platform.cluster.kubectl("apply", "--server-side", "-f", bad.toString()))
        .hasMessageContaining("spec.mtls.mode");
    Files.delete(bad);
  }

  private static JsonNode get(String kind, String name, String namespace) {
    return Manifests.parse(
            platform.cluster.kubectl("get", kind, name, "-n", namespace, "-o", "yaml"))
        .objects()
        .get(0);
  }
}
