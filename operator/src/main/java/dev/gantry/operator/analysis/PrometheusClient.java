package dev.gantry.operator.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Instant queries against Prometheus's HTTP API, each bounded by {@link Limits}: queries run on the
 * operator's reconciler threads against a URL users write in their Microservices, so neither a slow
 * nor a huge answer may hold a thread or fill the heap.
 *
 * <p>The JDK client's own request timeout stops counting once the headers arrive, so the deadline
 * here covers the whole exchange, body included; when it passes, the exchange is cancelled, which
 * closes its connection rather than leaving the client to drain the answer in the background.
 * HTTP/1.1 only: there a cancelled exchange takes its connection with it, where HTTP/2 would reset
 * a stream and keep the connection. Redirects are never followed: the operator's requests go only
 * where the Microservice says.
 */
public final class PrometheusClient {

  /**
   * What one query may cost.
   *
   * @param connectTimeout how long to wait for a connection
   * @param deadline how long the whole exchange may take, body included; also sent as Prometheus's
   *     evaluation timeout, so Prometheus gives up too
   * @param maxResponseBytes the largest answer read; a larger one fails the query
   */
  public record Limits(Duration connectTimeout, Duration deadline, long maxResponseBytes) {

    public static final Limits DEFAULTS =
        new Limits(Duration.ofSeconds(2), Duration.ofSeconds(10), 1 << 20);

    public Limits {
      if (connectTimeout.isNegative()
          || connectTimeout.isZero()
          || deadline.isNegative()
          || deadline.isZero()
          || maxResponseBytes <= 0) {
        throw new IllegalArgumentException("limits must be positive");
      }
    }
  }

  /** Prometheus's error is quoted to users in a status; this much of it says what went wrong. */
  private static final int MAX_QUOTED_CHARS = 200;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Limits limits;
  private final HttpClient http;

  public PrometheusClient(Limits limits) {
    this.limits = limits;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(limits.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * The query's value now: the first sample of a vector or a scalar; empty when there is no data
   * (or the value is NaN or infinite). Fails with {@link QueryException} when Prometheus cannot
   * answer within the limits.
   */
  public OptionalDouble query(String baseUrl, String promql) {
    HttpResponse<byte[]> response = post(baseUrl, promql);
    int status = response.statusCode();
    if (status / 100 == 3) {
      throw new QueryException("HTTP " + status + ": redirects are not followed");
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new QueryException("HTTP " + status + " with a body that is not JSON");
    }
    if (!"success".equals(body.path("status").asText())) {
      throw new QueryException(
          "HTTP " + status + ": " + quoted(body.path("error").asText("unknown error")));
    }
    JsonNode data = body.path("data");
    JsonNode sample;
    if ("scalar".equals(data.path("resultType").asText())) {
      sample = data.path("result");
    } else {
      JsonNode result = data.path("result");
      if (!result.isArray() || result.isEmpty()) {
        return OptionalDouble.empty();
      }
      sample = result.get(0).path("value");
    }
    double value;
    try {
      value = Double.parseDouble(sample.get(1).asText());
    } catch (RuntimeException e) {
      return OptionalDouble.empty();
    }
    return Double.isNaN(value) || Double.isInfinite(value)
        ? OptionalDouble.empty()
        : OptionalDouble.of(value);
  }

  /**
   * POSTs the query as a form, as Prometheus allows, so a long query never meets a URL length
   * limit; waits for the whole answer until the deadline and no longer.
   */
  private HttpResponse<byte[]> post(String baseUrl, String promql) {
    String seconds = seconds(limits.deadline());
    String form =
        "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&timeout=" + seconds;
    HttpRequest request =
        HttpRequest.newBuilder(endpoint(baseUrl))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    CappedBody body = new CappedBody(limits.maxResponseBytes());
    CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request, body);
    try {
      return exchange.get(limits.deadline().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      cancel(exchange, body);
      throw new QueryException("no answer within " + seconds + "s");
    } catch (InterruptedException e) {
      cancel(exchange, body);
      Thread.currentThread().interrupt();
      throw new QueryException("interrupted");
    } catch (ExecutionException e) {
      throw failure(e.getCause(), baseUrl);
    }
  }

  /**
   * Hangs up: cancels the body's subscription, the way to stop a body once it has begun, and the
   * exchange itself, which covers the time before the headers. On the JDK 17 client each closes the
   * connection; the exchange only when cancelled with {@code true} (false leaves it running).
   */
  private static void cancel(CompletableFuture<?> exchange, CappedBody body) {
    body.cancel();
    exchange.cancel(true);
  }

  private static QueryException failure(Throwable cause, String baseUrl) {
    if (cause instanceof CappedBody.TooLargeException) {
      return new QueryException(cause.getMessage());
    }
    // The JDK's messages may quote what the server sent, such as a malformed status line.
    String message =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new QueryException("cannot reach " + quoted(baseUrl) + ": " + quoted(message));
  }

  private static URI endpoint(String baseUrl) {
    URI uri;
    try {
      uri = new URI(baseUrl.replaceAll("/+$", "") + "/api/v1/query");
    } catch (URISyntaxException e) {
      throw new QueryException("not a URL: " + quoted(baseUrl));
    }
    if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
        || uri.getHost() == null) {
      throw new QueryException("not an http(s) URL: " + quoted(baseUrl));
    }
    return uri;
  }

  /**
   * Text from elsewhere, made fit for a status: without control characters, or format characters
   * that could reorder or hide what users read, and at most 200 characters.
   */
  private static String quoted(String text) {
    String printable = text.replaceAll("[\\p{Cc}\\p{Cf}]", "");
    if (printable.length() <= MAX_QUOTED_CHARS) {
      return printable;
    }
    int end = MAX_QUOTED_CHARS - 3;
    return printable.substring(
            0, Character.isHighSurrogate(printable.charAt(end - 1)) ? end - 1 : end)
        + "...";
  }

  private static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
  }

  /** Prometheus could not answer. */
  public static final class QueryException extends RuntimeException {
    public QueryException(String message) {
      super(message);
    }
  }
}
