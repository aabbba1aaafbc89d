package dev.gantry.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.gantry.operator.analysis.PrometheusClient.Limits;
import dev.gantry.operator.analysis.PrometheusClient.QueryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client against real HTTP servers on the loopback interface: {@link HttpServer} where a
 * well-formed answer will do, a raw socket where the test needs to pace bytes or see the client
 * hang up.
 */
class PrometheusClientTest {

  private static final Limits ONE_SECOND =
      new Limits(Duration.ofSeconds(2), Duration.ofSeconds(1), 1 << 20);
  private static final long FIFTY_MB = 50L << 20;

  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<AutoCloseable> servers = new ArrayList<>();
  private final PrometheusClient client = new PrometheusClient(Limits.DEFAULTS);

  @AfterEach
  void stopServers() throws Exception {
    for (AutoCloseable server : servers) {
      server.close();
    }
    threads.shutdownNow();
  }

  @Test
  void aVectorIsItsFirstSample() {
    String url =
        answering(
            200,
            """
        {"status":"success","data":{"resultType":"vector","result":[
          {"metric":{"pod":"a"},"value":[1700000000.5,"99.5"]},{"metric":{"pod":"b"},"value":[1700000000.5,"1"]}]}}""");
    assertThat(client.query(url, "up")).hasValue(99.5);
  }

  @Test
  void aScalarIsItsValue() {
    String url =
        answering(
            200,
            """
        {"status":"success","data":{"resultType":"scalar","result":[1700000000.5,"42"]}}""");
    assertThat(client.query(url, "scalar(up)")).hasValue(42);
  }

  @Test
  void noDataIsEmpty() {
    String url =
        answering(
            200,
            """
        {"status":"success","data":{"resultType":"vector","result":[]}}""");
    assertThat(client.query(url, "up")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"NaN", "+Inf", "-Inf"})
  void aValueThatIsNoNumberIsEmpty(String value) {
    String url =
        answering(
            200,
            """
        {"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1700000000.5,"%s"]}]}}"""
                .formatted(value));
    assertThat(client.query(url, "up")).isEmpty();
  }

  @Test
  void theQueryIsPostedAsAFormWithPrometheusOwnTimeout() {
    List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    String url =
        serve(
            exchange -> {
              byte[] form = exchange.getRequestBody().readAllBytes();
              requests.add(
                  Map.of(
                      "method", exchange.getRequestMethod(),
                      "path", exchange.getRequestURI().toString(),
                      "contentType", exchange.getRequestHeaders().getFirst("Content-Type"),
                      "form", new String(form, StandardCharsets.US_ASCII)));
              respond(
                  exchange,
                  200,
                  """
          {"status":"success","data":{"resultType":"vector","result":[]}}""");
            });
    String promql = "sum(rate(x{a=\"b&c\",d=~\"e+f\"}[1m])) / 100";

    client.query(url + "/prometheus/", promql);

    assertThat(requests).hasSize(1);
    Map<String, String> request = requests.get(0);
    assertThat(request)
        .containsEntry("method", "POST")
        .containsEntry("path", "/prometheus/api/v1/query")
        .containsEntry("contentType", "application/x-www-form-urlencoded");
    assertThat(form(request.get("form")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("query", promql, "timeout", "10"));
  }

  @Test
  void prometheusErrorIsNamedWithTheHttpStatus() {
    String url =
        answering(
            400,
            """
        {"status":"error","errorType":"bad_data","error":"1:5: parse error: unexpected <by>"}""");
    assertThatThrownBy(() -> client.query(url, "sum by"))
        .isInstanceOf(QueryException.class)
        .hasMessage("HTTP 400: 1:5: parse error: unexpected <by>");
  }

  @Test
  void prometheusErrorIsQuotedWithoutControlCharactersAndAtMost200Characters() {
    String url =
        answering(
            422,
            """
        {"status":"error","error":"\\u001b[2Jcleared\\nscreen\\u202e%s"}"""
                .formatted("x".repeat(1000)));
    String message =
        catchThrowableOfType(QueryException.class, () -> client.query(url, "up")).getMessage();
    assertThat(message)
        .startsWith("HTTP 422: [2Jclearedscreenxxx")
        .hasSize("HTTP 422: ".length() + 200)
        .doesNotContainPattern("[\\p{Cc}\\p{Cf}]");
  }

  @Test
  void anAnswerThatIsNotJsonIsNotQuoted() {
    String url = answering(502, "<html>upstream token=s3cr3t</html>");
    assertThatThrownBy(() -> client.query(url, "up"))
        .hasMessage("HTTP 502 with a body that is not JSON");
  }

  /**
   * A chunked answer is cut off at the cap; one that says how large it is, before its first byte.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aHugeAnswerFailsFastWithoutBeingRead(boolean chunked) throws InterruptedException {
    AtomicLong written = new AtomicLong();
    CountDownLatch hungUp = new CountDownLatch(1);
    String url =
        serve(
            exchange -> {
              exchange.getRequestBody().readAllBytes();
              exchange.sendResponseHeaders(200, chunked ? 0 : FIFTY_MB);
              byte[] spaces = " ".repeat(64 << 10).getBytes(StandardCharsets.US_ASCII);
              try (OutputStream out = exchange.getResponseBody()) {
                while (written.get() < FIFTY_MB) {
                  out.write(spaces);
                  written.addAndGet(spaces.length);
                }
              } catch (IOException e) {
                hungUp.countDown();
              }
            });

    long start = System.nanoTime();
    assertThatThrownBy(() -> client.query(url, "up"))
        .isInstanceOf(QueryException.class)
        .hasMessage(
            chunked
                ? "answer larger than 1 MiB"
                : "answer larger than 1 MiB (Content-Length 52428800)");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(hungUp.await(2, TimeUnit.SECONDS)).as("the client hung up").isTrue();
    // What the client could have read is at most what the kernel's socket buffers took in.
    assertThat(written.get()).isLessThan(FIFTY_MB / 2);
  }

  @Test
  void anAnswerOfOneBytePerSecondFailsAtTheDeadlineAndTheConnectionIsClosed() throws Exception {
    RawServer server =
        raw(
            (out, hungUp) -> {
              out.write(
                  "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                      .getBytes(StandardCharsets.US_ASCII));
              do {
                out.write(' ');
                out.flush();
              } while (!hungUp.await(1, TimeUnit.SECONDS));
            });
    PrometheusClient client = new PrometheusClient(ONE_SECOND);

    long start = System.nanoTime();
    assertThatThrownBy(() -> client.query(server.url(), "up")).hasMessage("no answer within 1s");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
    assertThat(server.hungUp.await(2, TimeUnit.SECONDS)).as("the client hung up").isTrue();
  }

  @Test
  void aServerThatNeverAnswersFailsAtTheDeadlineAndTheConnectionIsClosed() throws Exception {
    RawServer server = raw((out, hungUp) -> hungUp.await());
    PrometheusClient client = new PrometheusClient(ONE_SECOND);

    long start = System.nanoTime();
    assertThatThrownBy(() -> client.query(server.url(), "up")).hasMessage("no answer within 1s");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
    assertThat(server.hungUp.await(2, TimeUnit.SECONDS)).as("the client hung up").isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {302, 307})
  void aRedirectIsAnErrorAndNotFollowed(int status) {
    List<String> followed = new CopyOnWriteArrayList<>();
    String target =
        serve(
            exchange -> {
              followed.add(exchange.getRequestMethod());
              respond(
                  exchange,
                  200,
                  """
          {"status":"success","data":{"resultType":"scalar","result":[1700000000.5,"1"]}}""");
            });
    String url =
        serve(
            exchange -> {
              exchange.getRequestBody().readAllBytes();
              exchange.getResponseHeaders().add("Location", target + "/api/v1/query");
              exchange.sendResponseHeaders(status, -1);
              exchange.close();
            });

    assertThatThrownBy(() -> client.query(url, "up"))
        .hasMessage("HTTP " + status + ": redirects are not followed");
    assertThat(followed).isEmpty();
  }

  @Test
  void aRefusedConnectionFails() throws IOException {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    assertThatThrownBy(() -> client.query("http://127.0.0.1:" + port, "up"))
        .isInstanceOf(QueryException.class)
        .hasMessageStartingWith("cannot reach http://127.0.0.1:" + port + ": ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"file:///etc/passwd", "ftp://127.0.0.1/", "127.0.0.1:9090", "http://[bad"})
  void onlyHttpUrlsAreQueried(String url) {
    assertThatThrownBy(() -> client.query(url, "up")).isInstanceOf(QueryException.class);
  }

  private String answering(int status, String json) {
    return serve(
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          respond(exchange, status, json);
        });
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private String serve(HttpHandler handler) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/", handler);
    server.setExecutor(threads);
    server.start();
    servers.add(() -> server.stop(0));
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private RawServer raw(Answer answer) throws IOException {
    RawServer server = new RawServer(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
    servers.add(server);
    threads.submit(
        () -> {
          try (Socket socket = server.socket.accept()) {
            InputStream in = socket.getInputStream();
            readRequest(in);
            threads.submit(
                () -> {
                  try {
                    while (in.read() != -1) {
                      // the client sends nothing more; only its hanging up ends this
                    }
                  } catch (IOException e) {
                    // reset by the client: hung up as well
                  }
                  server.hungUp.countDown();
                  return null;
                });
            answer.write(socket.getOutputStream(), server.hungUp);
          }
          return null;
        });
    return server;
  }

  /** Reads the request's headers and as many bytes of body as they announce. */
  private static void readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b == -1) {
        throw new IOException("request cut short");
      }
      head.write(b);
    }
    for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        in.readNBytes(Integer.parseInt(line.substring("content-length:".length()).trim()));
      }
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new HashMap<>();
    for (String field : body.split("&")) {
      String[] kv = field.split("=", 2);
      fields.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return fields;
  }

  /**
   * What a raw server writes once it has read the request; {@code hungUp} opens when the client
   * closes.
   */
  private interface Answer {
    void write(OutputStream out, CountDownLatch hungUp) throws Exception;
  }

  private record RawServer(ServerSocket socket, CountDownLatch hungUp) implements AutoCloseable {

    RawServer(ServerSocket socket) {
      this(socket, new CountDownLatch(1));
    }

    String url() {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
