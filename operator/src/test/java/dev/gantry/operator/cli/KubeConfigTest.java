package dev.gantry.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which kubeconfigs the CLI's own client reads, and that it reads them as kubectl does. */
class KubeConfigTest {

  @TempDir Path dir;

  private static String config(String cluster, String user) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster:
        %s
        users:
        - name: u
          user:
        %s
        contexts:
        - name: main
          context: {cluster: c, user: u, namespace: shop}
        - name: other
          context: {cluster: c, user: u}
        current-context: main
        """
        .formatted(indent(cluster), indent(user));
  }

  private static String indent(String block) {
    return block.lines().map(l -> "    " + l).reduce((a, b) -> a + "\n" + b).orElse("");
  }

  private static final String SERVER =
      "server: https://127.0.0.1:6443/\ncertificate-authority: ca.crt";

  static Stream<Arguments> understoodOrLeftToFabric8() {
    return Stream.of(
        Arguments.of(
            "client certificate files",
            SERVER,
            "client-certificate: u.crt\nclient-key: u.key",
            true),
        Arguments.of(
            "client certificate data",
            SERVER,
            "client-certificate-data: Y2VydA==\nclient-key-data: a2V5",
            true),
        Arguments.of("bearer token", SERVER, "token: abc", true),
        Arguments.of("token file", SERVER, "tokenFile: token", true),
        Arguments.of("no user at all", SERVER, "{}", true),
        Arguments.of(
            "exec plugin",
            SERVER,
            "exec: {command: aws, apiVersion: client.authentication.k8s.io/v1}",
            false),
        Arguments.of("auth provider", SERVER, "auth-provider: {name: oidc}", false),
        Arguments.of("basic auth", SERVER, "username: a\npassword: b", false),
        Arguments.of("impersonation in the file", SERVER, "token: abc\nas: bob", false),
        Arguments.of("certificate without key", SERVER, "client-certificate: u.crt", false),
        Arguments.of("proxy", SERVER + "\nproxy-url: http://proxy:3128", "token: abc", false),
        Arguments.of("TLS server name", SERVER + "\ntls-server-name: api", "token: abc", false),
        Arguments.of("no server", "certificate-authority: ca.crt", "token: abc", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void understoodOrLeftToFabric8(String description, String cluster, String user, boolean ours)
      throws Exception {
    files();
    assertThat(KubeConfig.parse(config(cluster, user), null, dir).isPresent())
        .as(description)
        .isEqualTo(ours);
  }

  private void files() throws Exception {
    Files.writeString(dir.resolve("ca.crt"), "CA");
    Files.writeString(dir.resolve("u.crt"), "CERT");
    Files.writeString(dir.resolve("u.key"), "KEY");
    Files.writeString(dir.resolve("token"), "from-file\n");
  }

  @Test
  void readsFilesBesideTheKubeconfigAndTheContextsNamespace() throws Exception {
    files();
    KubeConfig c =
        KubeConfig.parse(config(SERVER, "client-certificate: u.crt\nclient-key: u.key"), null, dir)
            .orElseThrow();
    assertThat(c.server()).isEqualTo("https://127.0.0.1:6443");
    assertThat(c.namespace()).isEqualTo("shop");
    assertThat(new String(c.certificateAuthority(), StandardCharsets.UTF_8)).isEqualTo("CA");
    assertThat(new String(c.clientCertificate(), StandardCharsets.UTF_8)).isEqualTo("CERT");
    assertThat(new String(c.clientKey(), StandardCharsets.UTF_8)).isEqualTo("KEY");
    assertThat(c.token()).isNull();
    assertThat(c.insecure()).isFalse();
  }

  @Test
  void decodesDataAndReadsTokenFiles() throws Exception {
    files();
    String data = Base64.getEncoder().encodeToString("PEM".getBytes(StandardCharsets.UTF_8));
    KubeConfig c =
        KubeConfig.parse(
                config(
                    "server: https://h\ncertificate-authority-data: "
                        + data
                        + "\ninsecure-skip-tls-verify: true",
                    "tokenFile: token"),
                null,
                dir)
            .orElseThrow();
    assertThat(new String(c.certificateAuthority(), StandardCharsets.UTF_8)).isEqualTo("PEM");
    assertThat(c.token()).isEqualTo("from-file");
    assertThat(c.insecure()).isTrue();
  }

  @Test
  void contextFlagPicksTheContextAndAnUnknownOneIsLeftToFabric8() throws Exception {
    files();
    String text = config(SERVER, "token: abc");
    assertThat(KubeConfig.parse(text, "other", dir).orElseThrow().namespace()).isNull();
    // fabric8 falls back to the current context for an unknown name; it keeps doing so.
    assertThat(KubeConfig.parse(text, "nope", dir)).isEmpty();
  }

  static Stream<Arguments> environmentFabric8Reads() {
    return Stream.of(
        Arguments.of("nothing", Map.of("PATH", "/bin"), Map.of(), false),
        Arguments.of("KUBERNETES_MASTER", Map.of("KUBERNETES_MASTER", "https://x"), Map.of(), true),
        Arguments.of("in a pod", Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"), Map.of(), true),
        Arguments.of("https_proxy", Map.of("https_proxy", "http://p:3128"), Map.of(), true),
        Arguments.of("-Dkubeconfig", Map.of(), Map.of("kubeconfig", "/k"), true),
        Arguments.of(
            "-Dkubernetes.auth.token", Map.of(), Map.of("kubernetes.auth.token", "t"), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void environmentFabric8Reads(
      String description,
      Map<String, String> env,
      Map<Object, Object> properties,
      boolean fabric8) {
    assertThat(KubeConfig.fabric8Configured(env, properties)).as(description).isEqualTo(fabric8);
  }

  @Test
  void findsTheFileAsKubectlDoes() throws Exception {
    files();
    Path file = dir.resolve("config");
    Files.writeString(file, config(SERVER, "token: abc"));
    Map<Object, Object> home = Map.of("user.home", dir.resolve("nohome").toString());
    assertThat(KubeConfig.load(null, null, Map.of("KUBECONFIG", file.toString()), home))
        .isPresent();
    assertThat(KubeConfig.load(file, null, Map.of("KUBERNETES_MASTER", "x"), home))
        .as("--kubeconfig: fabric8 read no environment either")
        .isPresent();
    assertThat(KubeConfig.load(null, null, Map.of("KUBECONFIG", file + ":" + file), home))
        .as("several files to merge")
        .isEmpty();
    assertThat(KubeConfig.load(null, null, Map.of(), home)).as("no ~/.kube/config").isEmpty();
  }
}
