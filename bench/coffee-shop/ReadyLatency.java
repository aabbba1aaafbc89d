import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Placed -> READY latency through Kafka at a fixed arrival rate (open model: requests are sent on
 * schedule whether or not earlier ones finished, so queueing shows in the figures).
 *
 * <p>java -cp <kafka-clients classpath> ReadyLatency.java ORDER_URL MEMBER_ID BOOTSTRAP RATE
 * SECONDS CLIENT_PROPERTIES TOKEN
 *
 * <p>CLIENT_PROPERTIES: Kafka client settings of a user that may read order-status (the local run's
 * broker admits only its services' users). The topic's partitions are assigned, not subscribed: no
 * consumer group, so no group rights are needed and no service's group is joined. TOKEN: the
 * member's bearer token (from member's POST /login), sent with every order.
 *
 * <p>Latency is measured from sending POST /orders to reading the barista's READY event for that
 * order on order-status.
 */
public class ReadyLatency {
  public static void main(String[] args) throws Exception {
    String orderUrl = args[0];
    String memberId = args[1];
    String bootstrap = args[2];
    int rate = Integer.parseInt(args[3]);
    int seconds = Integer.parseInt(args[4]);
    Map<String, Object> kafka = new HashMap<>();
    Properties client = new Properties();
    try (var in = Files.newBufferedReader(Path.of(args[5]))) {
      client.load(in);
    }
    client.forEach((key, value) -> kafka.put(key.toString(), value));
    String authorization = "Bearer " + args[6];
    kafka.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    kafka.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    int total = rate * seconds;

    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Map<String, Long> placedAt = new ConcurrentHashMap<>();
    List<Long> fromSend = Collections.synchronizedList(new ArrayList<>());
    List<Long> fromPlaced = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failed = new AtomicInteger();

    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(kafka, new StringDeserializer(), new StringDeserializer());
    consumer.assign(
        consumer.partitionsFor("order-status").stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList());
    consumer.seekToEnd(consumer.assignment());
    consumer.assignment().forEach(consumer::position);

    Map<String, Long> readyAt = new ConcurrentHashMap<>();
    AtomicInteger rejected = new AtomicInteger();
    Thread reader =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                Iterable<ConsumerRecord<String, String>> records;
                try {
                  records = consumer.poll(Duration.ofMillis(20));
                } catch (org.apache.kafka.common.errors.InterruptException e) {
                  return; // measurement over
                }
                for (ConsumerRecord<String, String> record : records) {
                  if (record.value().contains("\"status\":\"READY\"")) {
                    readyAt.putIfAbsent(record.key(), System.nanoTime());
                  } else if (record.value().contains("\"status\":\"REJECTED\"")) {
                    rejected.incrementAndGet();
                  }
                }
              }
            });
    reader.start();

    HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
    String body = "{\"memberId\":\"" + memberId + "\",\"item\":\"espresso\",\"quantity\":1}";
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    AtomicInteger issued = new AtomicInteger();
    // at most 64 requests in flight: past that the service is saturated, and the orders that
    // could not be sent on schedule are counted instead of piling up thousands of connections
    java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(64);
    AtomicInteger shed = new AtomicInteger();
    long periodNanos = 1_000_000_000L / rate;
    long start = System.nanoTime();
    ticker.scheduleAtFixedRate(
        () -> {
          if (issued.incrementAndGet() > total) {
            return;
          }
          if (!inFlight.tryAcquire()) {
            shed.incrementAndGet();
            return;
          }
          long sent = System.nanoTime();
          HttpRequest request =
              HttpRequest.newBuilder(URI.create(orderUrl + "/orders"))
                  .header("Content-Type", "application/json")
                  .header("Authorization", authorization)
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build();
          http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .whenComplete(
                  (response, error) -> {
                    inFlight.release();
                    if (error != null || response.statusCode() != 201) {
                      failed.incrementAndGet();
                      return;
                    }
                    String id = response.body().replaceFirst("^\\{\"id\":\"([^\"]+)\".*", "$1");
                    long placed = System.nanoTime();
                    sentAt.put(id, sent);
                    placedAt.put(id, placed);
                  });
        },
        0,
        periodNanos,
        TimeUnit.NANOSECONDS);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 60L);
    while (System.nanoTime() < deadline
        && (issued.get() < total
            || sentAt.size() + failed.get() + shed.get() < total
            || readyAt.size() + rejected.get() < sentAt.size())) {
      Thread.sleep(100);
    }
    ticker.shutdownNow();
    reader.interrupt();
    reader.join(2_000);
    double elapsed = (System.nanoTime() - start) / 1e9;
    sentAt.forEach(
        (id, sent) -> {
          Long ready = readyAt.get(id);
          if (ready != null) {
            fromSend.add(ready - sent);
            fromPlaced.add(ready - placedAt.get(id));
          }
        });
    System.out.printf(
        "offered %d orders at %d/s over %ds; not sent (64 in flight already) %d, placed %d, READY seen for %d,"
            + " REJECTED %d, POST failed %d (%.1fs)%n",
        total,
        rate,
        seconds,
        shed.get(),
        sentAt.size(),
        fromSend.size(),
        rejected.get(),
        failed.get(),
        elapsed);
    print("POST sent -> READY", fromSend);
    System.exit(0);
  }

  private static void print(String what, List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      System.out.println(what + ": no samples");
      return;
    }
    System.out.printf(
        "%-22s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms  (n=%d)%n",
        what,
        pct(sorted, 50),
        pct(sorted, 95),
        pct(sorted, 99),
        sorted.get(sorted.size() - 1) / 1e6,
        sorted.size());
  }

  private static double pct(List<Long> sorted, double p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
  }
}
