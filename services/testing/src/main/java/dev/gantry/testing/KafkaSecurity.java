package dev.gantry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * What makes a {@link KafkaBroker} secure, as a production broker is: clients connect with TLS
 * ({@code SASL_SSL}) and authenticate with SCRAM-SHA-512, and each user may write only the topics
 * it produces, read only those it consumes (in its own consumer groups: the one named after it, and
 * those named {@code <user>_…}, which a service whose every replica reads every event uses). Nobody
 * without credentials reaches the broker; the broker's own listeners authenticate too (its {@code
 * admin} user is the only super user).
 *
 * <p>The broker's certificate is self-signed, made with the JDK's {@code keytool}; clients trust it
 * through {@link #trustStore}. Passwords are random, kept under the broker's data directory (mode
 * 600) so a restarted broker and its clients agree; each user's client settings are written to
 * {@code clients/<user>.properties} there, for processes that connect as that user.
 */
public final class KafkaSecurity {
  static final String ADMIN = "admin";
  static final String MECHANISM = "SCRAM-SHA-512";

  /** A user of the broker: the topics it may write and read. */
  public record User(String name, List<String> produces, List<String> consumes) {
    public User {
      produces = List.copyOf(produces);
      consumes = List.copyOf(consumes);
    }

    /**
     * Parses {@code name=produced,produced/consumed,consumed}, the form the local run passes on the
     * command line.
     */
    public static User parse(String text) {
      String[] nameAndTopics = text.split("=", 2);
      String[] topics = (nameAndTopics.length == 2 ? nameAndTopics[1] : "").split("/", -1);
      if (nameAndTopics[0].isBlank() || topics.length > 2) {
        throw new IllegalArgumentException(
            "a Kafka user is name=produced,produced/consumed,consumed, not " + text);
      }
      return new User(
          nameAndTopics[0].strip(),
          topics(topics[0]),
          topics.length > 1 ? topics(topics[1]) : List.of());
    }

    private static List<String> topics(String list) {
      return java.util.Arrays.stream(list.split(","))
          .map(String::strip)
          .filter(t -> !t.isEmpty())
          .toList();
    }
  }

  private final Path dir;
  private final List<User> users;
  private final String storePassword;

  private KafkaSecurity(Path dir, List<User> users) {
    this.dir = dir;
    this.users = List.copyOf(users);
    this.storePassword = secret(dir.resolve("store.password"));
  }

  /** The certificate, stores and passwords under {@code dir}, made once. */
  static KafkaSecurity in(Path dir, List<User> users) {
    if (users.stream().anyMatch(u -> u.name().equals(ADMIN))) {
      throw new IllegalArgumentException(
          "'" + ADMIN + "' is the broker's own super user, not a service's");
    }
    KafkaSecurity security = new KafkaSecurity(dir, users);
    security.makeStores();
    return security;
  }

  /** The PKCS#12 trust store holding the broker's certificate. */
  public Path trustStore() {
    return dir.resolve("truststore.p12");
  }

  /** The user's password, made when first asked for. */
  public String password(String user) {
    return secret(dir.resolve("users").resolve(user + ".password"));
  }

  private static String secret(Path file) {
    try {
      if (!Files.exists(file)) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        writePrivate(file, HexFormat.of().formatHex(random));
      }
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a file only its owner may read. */
  private static void writePrivate(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    if (!Files.exists(file)) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(file, text);
  }

  /** The settings a client needs to connect as {@code user}, in Kafka's property names. */
  public Map<String, Object> clientConfig(String user) {
    Map<String, Object> config = new TreeMap<>();
    config.put("security.protocol", "SASL_SSL");
    config.put("sasl.mechanism", MECHANISM);
    config.put("sasl.jaas.config", jaas(user, password(user)));
    config.put("ssl.truststore.location", trustStore().toString());
    config.put("ssl.truststore.type", "PKCS12");
    config.put("ssl.truststore.password", storePassword);
    return config;
  }

  static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  /** The broker's settings beyond the plain-text ones: listeners, TLS, SASL, authorizer. */
  Map<String, Object> brokerConfig(int port, int controllerPort) {
    Map<String, Object> props = new TreeMap<>();
    props.put(
        "listeners", "SASL_SSL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", "SASL_SSL://127.0.0.1:" + port);
    props.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:SASL_SSL");
    props.put("inter.broker.listener.name", "SASL_SSL");
    props.put("sasl.enabled.mechanisms", MECHANISM);
    props.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
    props.put(
        "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", jaas(ADMIN, password(ADMIN)));
    // The controller cannot read SCRAM credentials before its metadata is loaded: PLAIN, over TLS,
    // with the admin as its only user.
    props.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
    props.put("sasl.mechanism.controller.protocol", "PLAIN");
    props.put(
        "listener.name.controller.plain.sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + ADMIN
            + "\" password=\""
            + password(ADMIN)
            + "\" user_"
            + ADMIN
            + "=\""
            + password(ADMIN)
            + "\";");
    props.put("ssl.keystore.location", dir.resolve("broker.p12").toString());
    props.put("ssl.keystore.type", "PKCS12");
    props.put("ssl.keystore.password", storePassword);
    props.put("ssl.truststore.location", trustStore().toString());
    props.put("ssl.truststore.type", "PKCS12");
    props.put("ssl.truststore.password", storePassword);
    props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    props.put("super.users", "User:" + ADMIN);
    props.put("allow.everyone.if.no.acl.found", "false");
    return props;
  }

  /** Formatting's SCRAM argument: the admin exists before the broker first starts. */
  String adminScramArgument() {
    return MECHANISM + "=[name=" + ADMIN + ",password=" + password(ADMIN) + "]";
  }

  /** Creates (or updates) every user's SCRAM credentials and ACLs, as the admin. */
  void grant(String bootstrapServers) {
    Map<String, Object> config = new TreeMap<>(clientConfig(ADMIN));
    config.put("bootstrap.servers", bootstrapServers);
    try (Admin admin = Admin.create(config)) {
      List<UserScramCredentialUpsertion> credentials = new ArrayList<>();
      List<AclBinding> acls = new ArrayList<>();
      for (User user : users) {
        credentials.add(
            new UserScramCredentialUpsertion(
                user.name(),
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192),
                password(user.name())));
        String principal = "User:" + user.name();
        for (String topic : user.produces()) {
          acls.add(allow(principal, ResourceType.TOPIC, topic, AclOperation.WRITE));
          acls.add(allow(principal, ResourceType.TOPIC, topic, AclOperation.DESCRIBE));
        }
        for (String topic : user.consumes()) {
          acls.add(allow(principal, ResourceType.TOPIC, topic, AclOperation.READ));
          acls.add(allow(principal, ResourceType.TOPIC, topic, AclOperation.DESCRIBE));
        }
        if (!user.consumes().isEmpty()) {
          acls.add(allow(principal, ResourceType.GROUP, user.name(), AclOperation.READ));
          acls.add(
              new AclBinding(
                  new ResourcePattern(ResourceType.GROUP, user.name() + "_", PatternType.PREFIXED),
                  new AccessControlEntry(
                      principal, "*", AclOperation.READ, AclPermissionType.ALLOW)));
        }
      }
      if (!credentials.isEmpty()) {
        admin.alterUserScramCredentials(List.copyOf(credentials)).all().get(30, TimeUnit.SECONDS);
      }
      if (!acls.isEmpty()) {
        admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
      }
      for (User user : users) {
        writeClientProperties(user.name());
      }
    } catch (Exception e) {
      throw new IllegalStateException("granting Kafka users " + users, e);
    }
  }

  /** {@code clients/<user>.properties}: {@link #clientConfig} as Kafka's property file. */
  private void writeClientProperties(String user) throws IOException {
    StringBuilder text = new StringBuilder();
    clientConfig(user)
        .forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    writePrivate(dir.resolve("clients").resolve(user + ".properties"), text.toString());
  }

  private static AclBinding allow(
      String principal, ResourceType type, String name, AclOperation operation) {
    return new AclBinding(
        new ResourcePattern(type, name, PatternType.LITERAL),
        new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
  }

  /** A self-signed certificate for 127.0.0.1 and localhost, and a trust store holding it. */
  private void makeStores() {
    if (Files.exists(trustStore())) {
      return;
    }
    try {
      Files.createDirectories(dir);
      Path keystore = dir.resolve("broker.p12");
      Path certificate = dir.resolve("broker.crt");
      keytool(
          "-genkeypair",
          "-alias",
          "broker",
          "-keyalg",
          "RSA",
          "-keysize",
          "2048",
          "-dname",
          "CN=localhost",
          "-ext",
          "SAN=ip:127.0.0.1,dns:localhost",
          "-validity",
          "30",
          "-storetype",
          "PKCS12",
          "-keystore",
          keystore.toString(),
          "-storepass",
          storePassword);
      keytool(
          "-exportcert",
          "-rfc",
          "-alias",
          "broker",
          "-keystore",
          keystore.toString(),
          "-storetype",
          "PKCS12",
          "-storepass",
          storePassword,
          "-file",
          certificate.toString());
      keytool(
          "-importcert",
          "-noprompt",
          "-alias",
          "broker",
          "-file",
          certificate.toString(),
          "-storetype",
          "PKCS12",
          "-keystore",
          trustStore().toString(),
          "-storepass",
          storePassword);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
