package dev.gantry.operator.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

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
    Object root;
    try {
      // SnakeYAML alone: a Jackson mapper here would be made on the command's own thread, before
      // the TLS handshake, instead of beside it (see RestCluster.prepareToRead).
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      return Optional.empty(); // fabric8 reports what is wrong with it, as it always did
    }
    if (!(root instanceof Map<?, ?> config)) {
      return Optional.empty();
    }
    String contextName = context != null ? context : text(config, "current-context");
    Map<?, ?> ctx = map(named(config.get("contexts"), contextName), "context");
    if (contextName == null || ctx == null) {
      return Optional.empty();
    }
    Map<?, ?> cluster = map(named(config.get("clusters"), text(ctx, "cluster")), "cluster");
    Object userEntry = named(config.get("users"), text(ctx, "user"));
    Map<?, ?> user = map(userEntry, "user");
    if (cluster == null
        || text(cluster, "server") == null
        || !CLUSTER_KEYS.containsAll(cluster.keySet())
        || (user == null && userEntry != null && ((Map<?, ?>) userEntry).get("user") != null)
        || (user != null && !USER_KEYS.containsAll(user.keySet()))) {
      return Optional.empty();
    }
    if (user == null) {
      user = Map.of();
    }
    String token = text(user, "token");
    if (token == null && text(user, "tokenFile") != null) {
      token = Files.readString(directory.resolve(text(user, "tokenFile"))).strip();
    }
    byte[] certificate = bytes(user, "client-certificate", directory);
    byte[] key = bytes(user, "client-key", directory);
    if ((certificate == null) != (key == null)) {
      return Optional.empty();
    }
    return Optional.of(
        new KubeConfig(
            stripSlash(text(cluster, "server")),
            text(ctx, "namespace"),
            bytes(cluster, "certificate-authority", directory),
            "true".equals(text(cluster, "insecure-skip-tls-verify")),
            certificate,
            key,
            token));
  }

  /** The entry of a kubeconfig list ({@code clusters}, {@code users} …) called {@code name}. */
  private static Object named(Object list, String name) {
    if (name != null && list instanceof List<?> entries) {
      for (Object entry : entries) {
        if (entry instanceof Map<?, ?> m && name.equals(text(m, "name"))) {
          return entry;
        }
      }
    }
    return null;
  }

  private static Map<?, ?> map(Object entry, String field) {
    return entry instanceof Map<?, ?> m && m.get(field) instanceof Map<?, ?> value ? value : null;
  }

  private static String text(Map<?, ?> node, String field) {
    Object value = node.get(field);
    return value == null || value.toString().isEmpty() ? null : value.toString();
  }

  /** {@code field-data} (base64) or the file {@code field} names. */
  private static byte[] bytes(Map<?, ?> node, String field, Path directory) throws IOException {
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
