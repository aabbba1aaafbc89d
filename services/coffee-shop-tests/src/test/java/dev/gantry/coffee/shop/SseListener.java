package dev.gantry.coffee.shop;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/** A plain server-sent-events client, as a browser's EventSource would read the stream. */
final class SseListener implements AutoCloseable {
  record Received(String event, String id, JsonNode data) {}

  private final List<Received> events = new CopyOnWriteArrayList<>();
  private final AtomicBoolean open = new AtomicBoolean();
  private final Future<?> reader;
  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * @param authorization the Authorization header to send
   */
  SseListener(String url, String authorization) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Accept", "text/event-stream")
            .header("Authorization", authorization)
            .build();
    reader =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
            .thenAccept(
                response -> {
                  open.set(response.statusCode() == 200);
                  read(response.body());
                });
  }

  private void read(Stream<String> lines) {
    String[] event = {null, null};
    StringBuilder data = new StringBuilder();
    lines.forEach(
        line -> {
          if (line.isEmpty()) {
            if (data.length() > 0) {
              try {
                events.add(
                    new Received(event[0], event[1], CoffeeShop.JSON.readTree(data.toString())));
              } catch (IOException e) {
                // not JSON: ignore
              }
            }
            event[0] = null;
            event[1] = null;
            data.setLength(0);
          } else if (line.startsWith("event:")) {
            event[0] = line.substring(6).trim();
          } else if (line.startsWith("id:")) {
            event[1] = line.substring(3).trim();
          } else if (line.startsWith("data:")) {
            data.append(line.substring(5).trim());
          }
        });
  }

  boolean isOpen() {
    return open.get();
  }

  List<Received> statusEvents() {
    return events.stream().filter(e -> "order-status".equals(e.event())).toList();
  }

  @Override
  public void close() {
    reader.cancel(true);
  }
}
