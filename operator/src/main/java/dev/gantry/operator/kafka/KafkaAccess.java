package dev.gantry.operator.kafka;

import dev.gantry.operator.api.Kafka;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one service may do on Kafka: it is the user {@code <namespace>.<name>}; it may write and
 * describe the topics it produces, read and describe those it consumes, and — when it consumes
 * anything — read as its consumer group {@code <namespace>.<name>} and as any group named {@code
 * <namespace>.<name>_…} (a replica that must see every event reads in a group of its own). Nothing
 * else: no other group, no cluster or transactional rights, no wildcard.
 *
 * <p>Built from the spec as the platform admits it, so a topic the namespace was not granted never
 * becomes an ACL.
 *
 * @param user the Kafka user (SCRAM user name and {@code User:} principal), also the consumer group
 * @param acls what the user may do, in the order of the spec (topics produced, consumed, groups)
 */
public record KafkaAccess(String user, List<Acl> acls) {

  public KafkaAccess {
    acls = List.copyOf(acls);
  }

  /** A Kafka resource ACLs name. */
  public enum ResourceType {
    TOPIC,
    GROUP
  }

  /** How an ACL's name matches: the resource of that name, or every resource starting with it. */
  public enum PatternType {
    LITERAL,
    PREFIXED
  }

  /** The operations Gantry grants; Kafka knows more, none of which a service is given. */
  public enum Operation {
    READ,
    WRITE,
    DESCRIBE
  }

  /** One resource: a topic or group, by literal name or prefix. */
  public record Resource(ResourceType type, PatternType pattern, String name) {}

  /** One permission on one resource. */
  public record Acl(Resource resource, Operation operation) {

    /** The readable line: {@code TOPIC LITERAL order-status WRITE}. */
    public String line() {
      return resource.type() + " " + resource.pattern() + " " + resource.name() + " " + operation;
    }
  }

  /**
   * The access of the service {@code name} in {@code namespace} with its admitted {@code kafka}
   * block.
   */
  public static KafkaAccess of(String namespace, String name, Kafka kafka) {
    String user = user(namespace, name);
    Set<Acl> acls = new LinkedHashSet<>();
    for (String topic : kafka.produces()) {
      acls.add(topicAcl(topic, Operation.WRITE));
      acls.add(topicAcl(topic, Operation.DESCRIBE));
    }
    for (String topic : kafka.consumes()) {
      acls.add(topicAcl(topic, Operation.READ));
      acls.add(topicAcl(topic, Operation.DESCRIBE));
    }
    if (!kafka.consumes().isEmpty()) {
      acls.add(
          new Acl(new Resource(ResourceType.GROUP, PatternType.LITERAL, user), Operation.READ));
      acls.add(
          new Acl(
              new Resource(ResourceType.GROUP, PatternType.PREFIXED, replicaGroupPrefix(user)),
              Operation.READ));
    }
    return new KafkaAccess(user, new ArrayList<>(acls));
  }

  /** The Kafka user of a service, and its consumer group: {@code <namespace>.<name>}. */
  public static String user(String namespace, String name) {
    return namespace + "." + name;
  }

  /** The groups a service's replicas read in on their own start with this. */
  public static String replicaGroupPrefix(String user) {
    return user + "_";
  }

  /** One readable line per ACL ({@link Acl#line()}), each ending with a newline. */
  public String aclLines() {
    StringBuilder text = new StringBuilder();
    acls.forEach(acl -> text.append(acl.line()).append('\n'));
    return text.toString();
  }

  /**
   * One line of {@code kafka-acls.sh} arguments per ACL, each ending with a newline: {@code --add
   * --allow-principal User:shop.order --operation Write --topic order-status}. The platform
   * engineer adds the connection ({@code --bootstrap-server … --command-config …}), for example
   * with {@code xargs -L1 kafka-acls.sh --bootstrap-server … --command-config …}.
   */
  public String kafkaAclsArguments() {
    StringBuilder text = new StringBuilder();
    for (Acl acl : acls) {
      text.append("--add --allow-principal User:")
          .append(user)
          .append(" --operation ")
          .append(capitalized(acl.operation()));
      if (acl.resource().pattern() == PatternType.PREFIXED) {
        text.append(" --resource-pattern-type prefixed");
      }
      text.append(" --")
          .append(acl.resource().type().name().toLowerCase(Locale.ROOT))
          .append(' ')
          .append(acl.resource().name())
          .append('\n');
    }
    return text.toString();
  }

  /**
   * Reads {@link #aclLines()} back as the access of {@code user}, accepting only what {@link #of}
   * can produce: literal topics read, written or described, and reading as the user's own groups.
   * Anything else — another user's group, a prefixed topic, another operation — fails naming the
   * line: the text may come from an object someone other than the operator wrote.
   */
  public static KafkaAccess parse(String user, String lines) {
    List<Acl> acls = new ArrayList<>();
    for (String line : lines.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] words = line.trim().split(" +");
      Acl acl = words.length == 4 ? known(user, words) : null;
      if (acl == null) {
        throw new IllegalArgumentException(
            "'" + line.trim() + "' is not an ACL Gantry grants to " + user);
      }
      acls.add(acl);
    }
    return new KafkaAccess(user, acls);
  }

  private static Acl known(String user, String[] words) {
    Operation operation;
    try {
      operation = Operation.valueOf(words[3]);
    } catch (IllegalArgumentException e) {
      return null;
    }
    Resource resource =
        switch (words[0] + " " + words[1]) {
          case "TOPIC LITERAL" ->
              words[2].matches("[a-zA-Z0-9._-]{1,249}")
                  ? new Resource(ResourceType.TOPIC, PatternType.LITERAL, words[2])
                  : null;
          case "GROUP LITERAL" ->
              words[2].equals(user) && operation == Operation.READ
                  ? new Resource(ResourceType.GROUP, PatternType.LITERAL, user)
                  : null;
          case "GROUP PREFIXED" ->
              words[2].equals(replicaGroupPrefix(user)) && operation == Operation.READ
                  ? new Resource(ResourceType.GROUP, PatternType.PREFIXED, words[2])
                  : null;
          default -> null;
        };
    return resource == null ? null : new Acl(resource, operation);
  }

  /** The operations granted on each resource, resources in the order they first appear. */
  public Map<Resource, List<Operation>> byResource() {
    Map<Resource, List<Operation>> rules = new LinkedHashMap<>();
    acls.forEach(
        acl -> rules.computeIfAbsent(acl.resource(), r -> new ArrayList<>()).add(acl.operation()));
    return rules;
  }

  /** {@code Read}, {@code Write}, {@code Describe}: how Kafka's tools and Strimzi spell them. */
  public static String capitalized(Operation operation) {
    String name = operation.name();
    return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
  }

  private static Acl topicAcl(String topic, Operation operation) {
    return new Acl(new Resource(ResourceType.TOPIC, PatternType.LITERAL, topic), operation);
  }
}
