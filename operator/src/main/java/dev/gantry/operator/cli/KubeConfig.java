package dev.gantry.operator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The part of a kubeconfig the CLI's own API client understands: one API server, its CA, a client
 * certificate or a bearer token. Anything else (exec plugins, auth providers, basic auth, proxies,
 * impersonation written into the file, several files in $KUBECONFIG, settings fabric8 reads from
 * the environment) reads as {@link Optional#empty()}, and the CLI talks through fabric8 instead, as
 * it always did.
 */
record KubeConfig(
    String server,
    String namespace,
    byte[] certificateAuthority,
    boolean insecure,
    byte[] clientCertificate,
    byte[] clientKey,
    String token) {

  /** Keys of a kubeconfig {@code user} this reader understands; any other sends us to fabric8. */
  private static final Set<String> USER_KEYS =
      Set.of(
          "client-certificate",
          "client-certificate-data",
          "client-key",
          "client-key-data",
          "token",
          "tokenFile");

  private static final Set<String> CLUSTER_KEYS =
      Set.of(
          "server",
          "certificate-authority",
          "certificate-authority-data",
          "insecure-skip-tls-verify",
          "extensions");

  /**
   * The kubeconfig the CLI would use: {@code --kubeconfig}, else a single file in $KUBECONFIG, else
   * ~/.kube/config; empty when fabric8 must decide.
   */
  static Optional<KubeConfig> load(
      Path explicit, String context, Map<String, String> env, Map<Object, Object> properties)
      throws IOException {
    if (explicit == null && fabric8Configured(env, properties)) {
      return Optional.empty();
    }
    Path file = explicit;
    if (file == null) {
      String variable = env.get("KUBECONFIG");
      if (variable != null && !variable.isEmpty()) {
        if (variable.contains(java.io.File.pathSeparator)) {
          return Optional.empty(); // several files to merge: fabric8 knows how
        }
        file = Path.of(variable);
      } else {
        String home = (String) properties.get("user.home");
        file = home == null ? null : Path.of(home, ".kube", "config");
      }
    }
    if (file == null || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Path directory = file.toAbsolutePath().getParent();
    return parse(Files.readString(file), context, directory);
  }

  /**
   * Settings fabric8's {@code Config.autoConfigure} takes from the environment or system
   * properties; with any of them the CLI leaves configuration to fabric8, so they keep working.
   */
  static boolean fabric8Configured(Map<String, String> env, Map<Object, Object> properties) {
    for (String name : env.keySet()) {
      String upper = name.toUpperCase(java.util.Locale.ROOT);
      if (upper.startsWith("KUBERNETES_")
          || upper.equals("HTTPS_PROXY")
          || upper.equals("HTTP_PROXY")
          || upper.equals("ALL_PROXY")) {
        return true;
      }
    }
    for (Object name : properties.keySet()) {
      String key = name.toString();
      if (key.startsWith("kubernetes.") || key.equals("kubeconfig")) {
        return true;
      }
    }
    return false;
  }

  /** Reads kubeconfig {@code text}; relative file names are resolved against {@code directory}. */
  static Optional<KubeConfig> parse(String text, String context, Path directory)
      throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(text);
    if (root == null || !root.isObject()) {
      return Optional.empty();
    }
    String contextName = context != null ? context : root.path("current-context").asText(null);
    JsonNode ctx = named(root.path("contexts"), contextName).path("context");
    if (contextName == null || ctx.isMissingNode()) {
      return Optional.empty();
    }
    JsonNode cluster =
        named(root.path("clusters"), ctx.path("cluster").asText(null)).path("cluster");
    JsonNode user = named(root.path("users"), ctx.path("user").asText(null)).path("user");
    if (!cluster.isObject()
        || !cluster.hasNonNull("server")
        || !onlyKeys(cluster, CLUSTER_KEYS)
        || (!user.isMissingNode() && !user.isNull() && !onlyKeys(user, USER_KEYS))) {
      return Optional.empty();
    }
    String token = text(user, "token");
    if (token == null && user.hasNonNull("tokenFile")) {
      token = Files.readString(directory.resolve(user.get("tokenFile").asText())).strip();
    }
    byte[] certificate = bytes(user, "client-certificate", directory);
    byte[] key = bytes(user, "client-key", directory);
    if ((certificate == null) != (key == null)) {
      return Optional.empty();
    }
    return Optional.of(
        new KubeConfig(
            stripSlash(cluster.get("server").asText()),
            text(ctx, "namespace"),
            bytes(cluster, "certificate-authority", directory),
            cluster.path("insecure-skip-tls-verify").asBoolean(false),
            certificate,
            key,
            token));
  }

  private static JsonNode named(JsonNode list, String name) {
    if (name != null) {
      for (JsonNode entry : list) {
        if (name.equals(entry.path("name").asText(null))) {
          return entry;
        }
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private static boolean onlyKeys(JsonNode node, Set<String> allowed) {
    if (!node.isObject()) {
      return false;
    }
    var names = node.fieldNames();
    while (names.hasNext()) {
      if (!allowed.contains(names.next())) {
        return false;
      }
    }
    return true;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
  }

  /** {@code field-data} (base64) or the file {@code field} names. */
  private static byte[] bytes(JsonNode node, String field, Path directory) throws IOException {
    String data = text(node, field + "-data");
    if (data != null) {
      return Base64.getMimeDecoder().decode(data.getBytes(StandardCharsets.US_ASCII));
    }
    String file = text(node, field);
    return file == null ? null : Files.readAllBytes(directory.resolve(file));
  }

  private static String stripSlash(String server) {
    return server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
  }
}
