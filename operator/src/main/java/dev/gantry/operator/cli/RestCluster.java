package dev.gantry.operator.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.operator.api.ReleaseAction;
import dev.gantry.operator.api.ReleaseActionStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * {@link Cluster} over the JDK's HTTP client and a plain Jackson mapper: no fabric8 client, so no
 * model registry of every Kubernetes, Istio and OpenShift kind, no OkHttp/Vert.x, no logging
 * set-up. Keep-alive keeps one TLS connection for all of a command's requests.
 */
final class RestCluster implements Cluster {

  private static final int CONNECT_TIMEOUT_MS = 10_000;
  private static final int REQUEST_TIMEOUT_MS = 10_000;
  private static final long RETRY_MS = 200;

  /**
   * The mapper, made by whichever thread first needs it: {@link #prepareToRead}'s, while the
   * command's own thread reads the kubeconfig; the JVM's class initialisation makes a later user
   * wait for it rather than make a second.
   */
  private static final class Json {
    static final ObjectMapper MAPPER =
        new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
  }

  private final KubeConfig config;
  private final String namespace;
  private final String impersonate;
  private final SSLSocketFactory sockets;

  RestCluster(KubeConfig config, String namespace, String impersonate, SSLSocketFactory sockets) {
    this.config = config;
    this.namespace =
        namespace != null ? namespace : config.namespace() != null ? config.namespace() : "default";
    this.impersonate = impersonate;
    this.sockets = sockets;
  }

  /**
   * Has Jackson work out how to read (and, for a ReleaseAction, write) {@code types} on a second
   * thread, while this one reads the kubeconfig and shakes hands with the API server: introspecting
   * the Microservice model takes about 0.1 s, as long as the TLS handshake. A daemon, so it never
   * holds the process up.
   */
  static void prepareToRead(Class<?>... types) {
    Thread thread =
        new Thread(
            () -> {
              for (Class<?> type : types) {
                Json.MAPPER.readerFor(type);
                if (type == ReleaseAction.class) {
                  Json.MAPPER.writerFor(type); // an action command sends one too
                }
              }
            },
            "prepare-json");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public String namespace() {
    return namespace;
  }

  /** {@code /apis/GROUP/VERSION/namespaces/NS/PLURAL}: where objects of {@code type} live. */
  static String collection(Class<? extends HasMetadata> type, String namespace) {
    return "/apis/"
        + HasMetadata.getGroup(type)
        + "/"
        + HasMetadata.getVersion(type)
        + "/namespaces/"
        + namespace
        + "/"
        + HasMetadata.getPlural(type);
  }

  @Override
  public <T extends HasMetadata> T get(Class<T> type, String name) {
    JsonNode found = request("GET", collection(type, namespace) + "/" + name, null, true);
    return found == null ? null : convert(found, type);
  }

  @Override
  public boolean exists(Class<? extends HasMetadata> type, String name) {
    return request("GET", collection(type, namespace) + "/" + name, null, true) != null;
  }

  @Override
  public String currentUser() {
    String review = "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}";
    JsonNode answer =
        request("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", review, false);
    return answer.path("status").path("userInfo").path("username").asText();
  }

  @Override
  public ReleaseAction create(ReleaseAction action) {
    String body;
    try {
      body = Json.MAPPER.writeValueAsString(action);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String path = collection(ReleaseAction.class, action.getMetadata().getNamespace());
    return convert(request("POST", path, body, false), ReleaseAction.class);
  }

  @Override
  public ReleaseActionStatus awaitOutcome(ReleaseAction created, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Predicate<ReleaseAction> answered =
        a -> a.getStatus() != null && a.getStatus().outcome() != null;
    ReleaseAction latest = created;
    while (true) {
      if (answered.test(latest)) {
        return latest.getStatus();
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new GantryCli.CliException(Cluster.timedOut(created, timeout));
      }
      ReleaseAction[] last = {latest};
      boolean done =
          watchFrom(
              ReleaseAction.class,
              latest,
              (int) Math.max(1, Duration.ofNanos(left).toMillis()),
              changed -> {
                if (changed == null) {
                  throw new GantryCli.CliException(
                      "release action " + created.getMetadata().getName() + " was deleted");
                }
                last[0] = changed;
                return answered.test(changed);
              });
      latest = last[0];
      if (!done) {
        // The watch ended (server time-out, 410 Gone): look again, then watch again; a pause
        // first, so a server that ends every watch at once is not asked in a tight loop.
        Thread.sleep(Math.min(RETRY_MS, Math.max(0, (deadline - System.nanoTime()) / 1_000_000)));
        ReleaseAction now = get(ReleaseAction.class, created.getMetadata().getName());
        if (now == null) {
          throw new GantryCli.CliException(
              "release action " + created.getMetadata().getName() + " was deleted");
        }
        latest = now;
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }

  @Override
  public <T extends HasMetadata> void watch(
      Class<T> type, T shown, Consumer<T> changes, Runnable deleted) throws InterruptedException {
    T latest = shown;
    while (true) {
      Object[] last = {latest};
      boolean gone =
          watchFrom(
              type,
              latest,
              0,
              changed -> {
                if (changed == null) {
                  deleted.run();
                  return true;
                }
                last[0] = changed;
                changes.accept(changed);
                return false;
              });
      if (gone) {
        return;
      }
      // The server ends watches now and then; carry on from the newest version seen.
      Thread.sleep(RETRY_MS);
      latest = type.cast(last[0]);
      T now = get(type, latest.getMetadata().getName());
      if (now == null) {
        deleted.run();
        return;
      }
      if (!now.getMetadata()
          .getResourceVersion()
          .equals(latest.getMetadata().getResourceVersion())) {
        changes.accept(now);
      }
      latest = now;
    }
  }

  /**
   * Watches the one object {@code from} names, from its resourceVersion, for at most {@code millis}
   * (0: as long as the server keeps it open). Each later version goes to {@code until} (null for a
   * deletion); returns true as soon as {@code until} does, false when the watch ends.
   */
  private <T extends HasMetadata> boolean watchFrom(
      Class<T> type, T from, int millis, Predicate<T> until) {
    String name = from.getMetadata().getName();
    String path =
        collection(type, namespace)
            + "?watch=true&allowWatchBookmarks=false&fieldSelector="
            + URLEncoder.encode("metadata.name=" + name, StandardCharsets.UTF_8)
            + "&resourceVersion="
            + from.getMetadata().getResourceVersion()
            + (millis > 0 ? "&timeoutSeconds=" + Math.max(1, (millis + 999) / 1000) : "");
    HttpURLConnection connection = open("GET", path);
    connection.setReadTimeout(millis);
    try {
      int code = connection.getResponseCode();
      if (code != 200) {
        throw failure(code, connection);
      }
      try (BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          JsonNode event = Json.MAPPER.readTree(line);
          String kind = event.path("type").asText();
          if (kind.equals("ERROR")) {
            return false; // typically 410 Gone: the caller looks again
          }
          if (kind.equals("DELETED")
              ? until.test(null)
              : until.test(convert(event.get("object"), type))) {
            connection.disconnect();
            return true;
          }
        }
      }
      return false;
    } catch (SocketTimeoutException e) {
      connection.disconnect();
      return false;
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /** Sends one request; the answer's JSON, or null for a 404 when {@code absentIsNull}. */
  private JsonNode request(String method, String path, String body, boolean absentIsNull) {
    HttpURLConnection connection = open(method, path);
    try {
      if (body != null) {
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body.getBytes(StandardCharsets.UTF_8));
        }
      }
      int code = connection.getResponseCode();
      if (code == 404 && absentIsNull) {
        drain(connection.getErrorStream());
        return null;
      }
      if (code / 100 != 2) {
        throw failure(code, connection);
      }
      try (InputStream in = connection.getInputStream()) {
        return Json.MAPPER.readTree(in);
      }
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  private HttpURLConnection open(String method, String path) {
    try {
      HttpURLConnection c =
          (HttpURLConnection) URI.create(config.server() + path).toURL().openConnection();
      if (c instanceof HttpsURLConnection https) {
        https.setSSLSocketFactory(sockets);
        if (config.insecure()) {
          https.setHostnameVerifier((host, session) -> true);
        }
      }
      c.setRequestMethod(method);
      c.setConnectTimeout(CONNECT_TIMEOUT_MS);
      c.setReadTimeout(REQUEST_TIMEOUT_MS);
      c.setUseCaches(false);
      c.setRequestProperty("Accept", "application/json");
      c.setRequestProperty("User-Agent", "kubectl-gantry");
      if (config.token() != null) {
        c.setRequestProperty("Authorization", "Bearer " + config.token());
      }
      if (impersonate != null) {
        c.setRequestProperty("Impersonate-User", impersonate);
      }
      return c;
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /** The API server's refusal as an {@link ApiException}, with the message of its Status. */
  private ApiException failure(int code, HttpURLConnection connection) throws IOException {
    String message = null;
    try (InputStream error = connection.getErrorStream()) {
      if (error != null) {
        byte[] bytes = error.readAllBytes();
        try {
          message = Json.MAPPER.readTree(bytes).path("message").asText(null);
        } catch (IOException notJson) {
          message = new String(bytes, StandardCharsets.UTF_8).strip();
        }
      }
    }
    return new ApiException(code, message == null || message.isEmpty() ? "HTTP " + code : message);
  }

  private static void drain(InputStream in) throws IOException {
    if (in != null) {
      try (in) {
        in.readAllBytes();
      }
    }
  }

  private <T> T convert(JsonNode node, Class<T> type) {
    try {
      return Json.MAPPER.treeToValue(node, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ApiException unreachable(IOException e) {
    return new ApiException(0, GantryCli.rootMessage(e));
  }

  @Override
  public void close() {}

  /** An answer of the API server other than success; code 0 when there was no answer. */
  static final class ApiException extends RuntimeException {
    private final int code;

    ApiException(int code, String message) {
      super(message);
      this.code = code;
    }

    int code() {
      return code;
    }
  }
}
