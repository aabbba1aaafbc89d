package dev.gantry.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Features;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Kafka broker in KRaft mode (combined broker + controller), on loopback. Storage is
 * formatted once; {@link #restart()} brings the same broker back on the same port with its data,
 * which is what a broker restart looks like to clients. {@link #startSecure} runs it as a
 * production broker runs: TLS, SCRAM users and ACLs ({@link KafkaSecurity}).
 */
public final class KafkaBroker implements AutoCloseable {
  private final Path dataDir;
  private final int port;
  private final int controllerPort;
  private final String clusterId;
  private final KafkaSecurity security;
  private KafkaRaftServer server;

  private KafkaBroker(
      Path dataDir, int port, int controllerPort, String clusterId, KafkaSecurity security) {
    this.dataDir = dataDir;
    this.port = port;
    this.controllerPort = controllerPort;
    this.clusterId = clusterId;
    this.security = security;
  }

  /** Formats storage in a fresh directory and starts the broker on free ports. */
  public static KafkaBroker start() {
    try {
      return start(Files.createTempDirectory("gantry-kafka-"), FreePorts.next());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a broker on the given port, formatting the data directory if it is new. */
  public static KafkaBroker start(Path dataDir, int port) {
    return start(dataDir, port, null);
  }

  /**
   * A broker that admits only {@code users}, over TLS with SCRAM, each to the topics it produces
   * and consumes; its certificate and the users' passwords are kept under {@code dataDir}.
   */
  public static KafkaBroker startSecure(Path dataDir, int port, List<KafkaSecurity.User> users) {
    return start(dataDir, port, KafkaSecurity.in(dataDir.resolve("security"), users));
  }

  /** {@link #startSecure(Path, int, List)} in a fresh directory, on a free port. */
  public static KafkaBroker startSecure(List<KafkaSecurity.User> users) {
    try {
      return startSecure(Files.createTempDirectory("gantry-kafka-"), FreePorts.next(), users);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static KafkaBroker start(Path dataDir, int port, KafkaSecurity security) {
    KafkaBroker broker =
        new KafkaBroker(dataDir, port, FreePorts.next(), Uuid.randomUuid().toString(), security);
    broker.formatIfNeeded();
    broker.startServer();
    return broker;
  }

  /** How clients authenticate to this broker; only for a broker started secure. */
  public KafkaSecurity security() {
    if (security == null) {
      throw new IllegalStateException("this broker runs without TLS and authentication");
    }
    return security;
  }

  /** What an administrator's client needs: the address, and the admin's credentials if secure. */
  private Map<String, Object> adminConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    if (security != null) {
      config.putAll(security.clientConfig(KafkaSecurity.ADMIN));
    }
    return config;
  }

  /** Creates topics (3 partitions each) if they do not exist yet. */
  public void createTopics(String... names) {
    try (Admin admin = Admin.create(adminConfig())) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing =
          java.util.Arrays.stream(names)
              .filter(n -> !existing.contains(n))
              .map(n -> new NewTopic(n, 3, (short) 1))
              .toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException("creating topics " + String.join(",", names), e);
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Stops the broker the way an orderly shutdown would; clients see it go away. */
  public synchronized void stop() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  /** Starts the stopped broker again with the same port and data. */
  public synchronized void restart() {
    stop();
    startServer();
  }

  @Override
  public void close() {
    stop();
  }

  private Map<String, Object> config() {
    Map<String, Object> props = new HashMap<>();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    props.put(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("controller.listener.names", "CONTROLLER");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", dataDir.resolve("log").toString());
    props.put("num.partitions", "3");
    props.put("auto.create.topics.enable", "true");
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "3");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
    props.put("num.network.threads", "2");
    props.put("num.io.threads", "2");
    props.put("background.threads", "2");
    props.put("log.cleaner.enable", "false");
    props.put("socket.send.buffer.bytes", "-1");
    props.put("socket.receive.buffer.bytes", "-1");
    if (security != null) {
      props.putAll(security.brokerConfig(port, controllerPort));
    }
    return props;
  }

  private void formatIfNeeded() {
    Path log = dataDir.resolve("log");
    if (Files.exists(log.resolve("meta.properties"))) {
      return;
    }
    try {
      Formatter formatter = new Formatter();
      if (security != null) {
        formatter.setScramArguments(List.of(security.adminScramArgument()));
      }
      formatter
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setSupportedFeatures(Features.PRODUCTION_FEATURES)
          .setClusterId(clusterId)
          .setNodeId(1)
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(log.toString())
          .setDirectories(Set.of(log.toString()))
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("formatting Kafka storage in " + log + " failed", e);
    }
  }

  private void startServer() {
    KafkaRaftServer raft = new KafkaRaftServer(new KafkaConfig(config(), false), Time.SYSTEM);
    raft.startup();
    server = raft;
    Readiness.await(
        "the broker on 127.0.0.1:" + port,
        Duration.ofSeconds(30),
        Duration.ofMillis(50),
        null,
        null,
        Readiness.listening(port));
    if (security != null) {
      security.grant(bootstrapServers());
    }
  }

  /**
   * Runs a broker as its own JVM for the local run: {@code KafkaBroker --port 9092 --data DIR
   * [--topics a,b] [--users "order=produced,produced/consumed;barista=…"]}. With {@code --users}
   * the broker is secure and admits only those users (passwords under {@code DIR/security/users},
   * the trust store {@code DIR/security/truststore.p12}). Stops cleanly on SIGTERM/SIGINT.
   */
  public static void main(String[] args) throws InterruptedException {
    Map<String, String> options = Options.parse(args, List.of("port", "data", "topics", "users"));
    int port = Integer.parseInt(options.getOrDefault("port", "9092"));
    Path data = Path.of(options.getOrDefault("data", "target/kafka"));
    String users = options.getOrDefault("users", "");
    KafkaBroker broker =
        users.isBlank()
            ? start(data, port)
            : startSecure(
                data,
                port,
                java.util.Arrays.stream(users.split(";")).map(KafkaSecurity.User::parse).toList());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  broker.stop();
                  stopped.countDown();
                },
                "kafka-broker-shutdown"));
    String topics = options.getOrDefault("topics", "");
    if (!topics.isBlank()) {
      broker.createTopics(topics.split(","));
    }
    System.out.println("Kafka broker ready on " + broker.bootstrapServers());
    stopped.await();
  }
}
