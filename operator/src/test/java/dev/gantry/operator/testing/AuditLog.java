package dev.gantry.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * The API server's audit log of writes: who wrote what. Reading it up to a mark gives an exact
 * count of one identity's writes in an interval.
 */
public final class AuditLog {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final KubernetesClient admin;

  AuditLog(Path file, KubernetesClient admin) {
    this.file = file;
    this.admin = admin;
  }

  /** One write. */
  public record Write(
      String user,
      String verb,
      String resource,
      String subresource,
      String namespace,
      String name) {
    @Override
    public String toString() {
      return user
          + " "
          + verb
          + " "
          + resource
          + (subresource == null ? "" : "/" + subresource)
          + " "
          + namespace
          + "/"
          + name;
    }
  }

  /**
   * A point in the log: a write of a marker ConfigMap, awaited until the log shows it, so every
   * write before it is in the log too (the log is written in order).
   */
  public long mark(String namespace) {
    String name = "audit-mark-" + UUID.randomUUID().toString().substring(0, 8);
    admin
        .configMaps()
        .inNamespace(namespace)
        .resource(new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    long[] index = new long[1];
    Awaitility.await("audit log shows " + name)
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              List<Write> writes = read();
              for (int i = writes.size() - 1; i >= 0; i--) {
                if (name.equals(writes.get(i).name()) && "create".equals(writes.get(i).verb())) {
                  index[0] = i;
                  return true;
                }
              }
              return false;
            });
    admin.configMaps().inNamespace(namespace).withName(name).delete();
    return index[0];
  }

  /** Writes by {@code user} between two marks. */
  public List<Write> writesBetween(long from, long to, String user) {
    List<Write> all = read();
    return all.subList((int) from + 1, (int) to).stream()
        .filter(w -> user.equals(w.user()))
        .toList();
  }

  public List<Write> read() {
    try (Stream<String> lines = Files.lines(file)) {
      List<Write> writes = new ArrayList<>();
      lines.forEach(
          line -> {
            try {
              JsonNode event = JSON.readTree(line);
              JsonNode ref = event.path("objectRef");
              writes.add(
                  new Write(
                      event.path("user").path("username").asText(),
                      event.path("verb").asText(),
                      ref.path("resource").asText(),
                      ref.hasNonNull("subresource") ? ref.get("subresource").asText() : null,
                      ref.path("namespace").asText(null),
                      ref.path("name").asText(null)));
            } catch (IOException partialLine) {
              // The last line may be half written; it is read on the next pass.
            }
          });
      return writes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
