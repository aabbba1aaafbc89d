package dev.gantry.operator.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalDouble;

/** Instant queries against Prometheus's HTTP API. */
public final class PrometheusClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http;
  private final Duration timeout;

  public PrometheusClient(Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /**
   * The query's value now: the first sample of a vector or a scalar; empty when there is no
   * data (or the value is NaN). Fails with {@link QueryException} when Prometheus cannot answer.
   */
  public OptionalDouble query(String baseUrl, String promql) {
    String url = baseUrl.replaceAll("/+$", "") + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new QueryException("cannot reach " + baseUrl + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QueryException("interrupted");
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new QueryException("HTTP " + response.statusCode() + " with a body that is not JSON");
    }
    if (!"success".equals(body.path("status").asText())) {
      throw new QueryException("HTTP " + response.statusCode() + ": " + body.path("error").asText("unknown error"));
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
    return Double.isNaN(value) || Double.isInfinite(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  /** Prometheus could not answer. */
  public static final class QueryException extends RuntimeException {
    public QueryException(String message) {
      super(message);
    }
  }
}
