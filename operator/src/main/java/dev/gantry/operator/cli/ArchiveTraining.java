package dev.gantry.operator.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Run by the build ({@code package}) under {@code -XX:ArchiveClassesAtExit}: drives {@code status}
 * and {@code set-weight} through their real code (kubeconfig, client-certificate TLS, requests,
 * watch, JSON, views) against a stand-in API server on loopback, so the class-data archive the
 * launcher uses holds every class those commands load. Needs no cluster; {@code keytool} from the
 * running JDK makes a throw-away certificate.
 */
public final class ArchiveTraining {

  private ArchiveTraining() {}

  public static void main(String[] args) throws Exception {
    GantryCli.quietLogging(null); // as the launcher runs it
    Path dir = Files.createTempDirectory("kubectl-gantry-training");
    HttpsServer server = null;
    try {
      char[] password = "training".toCharArray();
      Path store = dir.resolve("server.p12");
      keytool(store, password);
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keys.load(in, password);
      }
      server = serve(keys, password);
      Certificate certificate = keys.getCertificate("training");
      PrivateKey key = (PrivateKey) keys.getKey("training", password);
      Path kubeconfig = dir.resolve("kubeconfig");
      Files.writeString(
          kubeconfig,
          kubeconfig(
              server.getAddress().getPort(),
              pem("CERTIFICATE", certificate.getEncoded()),
              pem("PRIVATE KEY", key.getEncoded())));
      String config = kubeconfig.toString();
      int status = run("--kubeconfig", config, "status", "demo");
      int action = run("--kubeconfig", config, "-n", "default", "set-weight", "demo", "30");
      if (status != GantryCli.APPLIED || action != GantryCli.APPLIED) {
        throw new IllegalStateException("training commands failed: " + status + ", " + action);
      }
    } finally {
      if (server != null) {
        server.stop(0);
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static int run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = GantryCli.run(new PrintWriter(out), new PrintWriter(err), args);
    System.out.print(out);
    System.err.print(err);
    return code;
  }

  private static void keytool(Path store, char[] password) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "training",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(password))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
  }

  /** A stand-in for the API server: one Microservice, and an operator that applies at once. */
  private static HttpsServer serve(KeyStore keys, char[] password) throws Exception {
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, password);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(keys);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(tls) {
          @Override
          public void configure(HttpsParameters parameters) {
            parameters.setNeedClientAuth(true); // as kube-apiserver asks for client certificates
          }
        });
    server.createContext("/", ArchiveTraining::answer);
    server.start();
    return server;
  }

  private static void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getQuery();
    exchange.getRequestBody().readAllBytes();
    String body;
    if (path.endsWith("/microservices/demo")) {
      body = MICROSERVICE;
    } else if (path.endsWith("/selfsubjectreviews")) {
      body = "{\"status\":{\"userInfo\":{\"username\":\"trainer\"}}}";
    } else if (path.endsWith("/releaseactions") && query != null && query.contains("watch")) {
      body = "{\"type\":\"MODIFIED\",\"object\":" + action(true) + "}\n";
    } else if (path.endsWith("/releaseactions")) {
      body = action(false);
    } else {
      body = "{\"kind\":\"Status\",\"code\":404,\"message\":\"not found\"}";
      send(exchange, 404, body);
      return;
    }
    send(exchange, 200, body);
  }

  private static void send(HttpExchange exchange, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String action(boolean answered) {
    return """
        {"apiVersion":"gantry.dev/v1alpha1","kind":"ReleaseAction",
         "metadata":{"name":"demo-setweight-x1","namespace":"default","resourceVersion":"%s"},
         "spec":{"target":"demo","action":"SetWeight","weight":30,"requestedBy":"trainer"}%s}
        """
        .formatted(
            answered ? "2" : "1",
            answered
                ? ",\"status\":{\"outcome\":\"Applied\",\"message\":\"weight 30%\","
                    + "\"revision\":\"b2\",\"processedAt\":\"2026-01-01T00:00:00Z\"}"
                : "")
        .replace("\n", "");
  }

  private static final String MICROSERVICE =
      """
      {"apiVersion":"gantry.dev/v1alpha1","kind":"Microservice",
       "metadata":{"name":"demo","namespace":"default","resourceVersion":"7","generation":2},
       "spec":{"image":"shop/demo:2","port":8080,"replicas":2,
        "rollout":{"strategy":"Canary","canary":{"steps":[{"setWeight":10},{"pause":{}}]}}},
       "status":{"phase":"Paused","stableRevision":"a1","canaryRevision":"b2","canaryWeight":30,
        "canaryReplicas":1,"canaryReadyReplicas":1,"readyReplicas":2,"currentStepIndex":1,
        "message":"revision b2 held at 30% by a release manager",
        "conditions":[{"type":"Ready","status":"False","reason":"Paused",
          "lastTransitionTime":"2026-01-01T00:00:00Z","observedGeneration":2}],
        "history":[{"action":"SetWeight","actionName":"demo-setweight-x0","outcome":"Applied",
          "message":"weight 30%","revision":"b2","time":"2026-01-01T00:00:00Z",
          "user":"trainer","weight":30}]}}
      """;

  private static String kubeconfig(int port, String certificate, String key) {
    String ca = base64(certificate);
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: training
          cluster:
            server: https://127.0.0.1:%d
            certificate-authority-data: %s
        users:
        - name: trainer
          user:
            client-certificate-data: %s
            client-key-data: %s
        contexts:
        - name: training
          context: {cluster: training, user: trainer}
        current-context: training
        """
        .formatted(port, ca, ca, base64(key));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
