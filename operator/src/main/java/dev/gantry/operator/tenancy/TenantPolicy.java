package dev.gantry.operator.tenancy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A platform engineer's limits on what teams may declare. Every field a team controls that could
 * reach beyond its namespace is checked against these; nothing here comes from a team.
 *
 * @param allowedDomains the public domains teams may route, each for some namespaces or all
 * @param allowedGateways Istio Gateways ({@code <namespace>/<name>}) routes may bind to
 * @param secretReferences which Secrets a Microservice's environment may read
 * @param minAnalysisInterval canary analysis checks at most this often; a shorter {@code interval}
 *     counts as this one, so one team cannot flood the Prometheus every team shares
 * @param tenantLabel the label that holds a series' namespace in Prometheus; a team's own query
 *     reads only series whose label is the team's namespace
 * @param kafkaTopics the Kafka topics teams may produce to and consume from, beyond their
 *     namespace's own ({@code <namespace>.…}), each for some namespaces or all
 */
public record TenantPolicy(
    List<DomainGrant> allowedDomains,
    Set<String> allowedGateways,
    SecretReferences secretReferences,
    Duration minAnalysisInterval,
    String tenantLabel,
    List<TopicGrant> kafkaTopics) {

  /** Any namespace may use the domain. */
  public static final String ANY_NAMESPACE = "*";

  public static final String DEFAULT_GATEWAY = "istio-system/gantry-gateway";

  /**
   * Nothing public may be routed; the shipped gateway only; Secrets named after the Microservice; a
   * check every 10 seconds at most; no Kafka topic but the namespace's own.
   */
  public static final TenantPolicy DEFAULT =
      new TenantPolicy(
          List.of(),
          Set.of(DEFAULT_GATEWAY),
          SecretReferences.Prefixed,
          Duration.ofSeconds(10),
          "namespace",
          List.of());

  public TenantPolicy {
    allowedDomains = List.copyOf(allowedDomains);
    allowedGateways = Set.copyOf(allowedGateways);
    kafkaTopics = List.copyOf(kafkaTopics);
  }

  /** Which Secrets a Microservice's {@code env[].valueFrom.secretKeyRef} may name. */
  public enum SecretReferences {
    /** Any Secret of its namespace: whoever may write Microservices may read every Secret there. */
    Namespace,
    /**
     * Only Secrets named {@code <microservice>-…}, so a service cannot read platform or other
     * services' Secrets.
     */
    Prefixed,
    /** None: configuration comes from {@code config} and literal {@code env} only. */
    None
  }

  /**
   * A domain and the namespaces that may route it and its subdomains.
   *
   * @param namespaces namespace names, or {@link #ANY_NAMESPACE}
   */
  public record DomainGrant(String domain, Set<String> namespaces) {

    public DomainGrant {
      namespaces = Set.copyOf(namespaces);
    }

    boolean covers(String host) {
      return host.equals(domain) || host.endsWith("." + domain);
    }

    boolean grantedTo(String namespace) {
      return namespaces.contains(ANY_NAMESPACE) || namespaces.contains(namespace);
    }
  }

  /** Whether a Microservice in {@code namespace} may route {@code host}. */
  public boolean allowsHost(String namespace, String host) {
    return allowedDomains.stream().anyMatch(g -> g.covers(host) && g.grantedTo(namespace));
  }

  /** The domains granted to {@code namespace}, for messages that say what would be allowed. */
  public List<String> domainsFor(String namespace) {
    return allowedDomains.stream()
        .filter(g -> g.grantedTo(namespace))
        .map(DomainGrant::domain)
        .sorted()
        .toList();
  }

  /**
   * Reads {@code domain=namespace,namespace;domain=*} (the form of {@code GANTRY_ALLOWED_DOMAINS}).
   * Fails naming the entry that is malformed.
   */
  public static List<DomainGrant> parseDomains(String text) {
    return parseGrants(
        text,
        "<domain>=<namespace>[,<namespace>…] or <domain>=*",
        key -> {
          String domain = key.toLowerCase(Locale.ROOT);
          if (!dev.gantry.operator.api.HostNames.wellFormed(domain)) {
            throw new IllegalArgumentException(
                "'" + domain + "' is not an external DNS domain such as shop.example.com");
          }
          return domain;
        },
        namespace -> true,
        DomainGrant::new);
  }

  /**
   * A Kafka topic, or every topic that starts with a prefix ({@code orders.*}), and the namespaces
   * that may produce to and consume from it.
   *
   * @param topic a topic name, or a prefix followed by {@code *}
   * @param namespaces namespace names, or {@link #ANY_NAMESPACE}
   */
  public record TopicGrant(String topic, Set<String> namespaces) {

    public TopicGrant {
      namespaces = Set.copyOf(namespaces);
    }

    boolean covers(String name) {
      return topic.endsWith("*")
          ? name.startsWith(topic.substring(0, topic.length() - 1))
          : name.equals(topic);
    }

    boolean grantedTo(String namespace) {
      return namespaces.contains(ANY_NAMESPACE) || namespaces.contains(namespace);
    }
  }

  /**
   * The topics of a namespace's own, which it may always use: {@code <namespace>.…}. Namespace
   * names hold no dot, so no other namespace's topics start this way.
   */
  public static String ownTopicPrefix(String namespace) {
    return namespace + ".";
  }

  /** Whether a Microservice in {@code namespace} may produce to or consume from {@code topic}. */
  public boolean allowsTopic(String namespace, String topic) {
    return topic.startsWith(ownTopicPrefix(namespace))
        || kafkaTopics.stream().anyMatch(g -> g.covers(topic) && g.grantedTo(namespace));
  }

  /**
   * The topics granted to {@code namespace}, its own prefix first, for messages that say what would
   * be allowed.
   */
  public List<String> topicsFor(String namespace) {
    List<String> topics = new ArrayList<>();
    topics.add(ownTopicPrefix(namespace) + "*");
    kafkaTopics.stream()
        .filter(g -> g.grantedTo(namespace))
        .map(TopicGrant::topic)
        .sorted()
        .forEach(topics::add);
    return topics;
  }

  /**
   * Reads {@code topic=namespace,namespace;prefix*=*} (the form of {@code GANTRY_KAFKA_TOPICS}).
   * Fails naming the entry that is malformed.
   */
  public static List<TopicGrant> parseTopics(String text) {
    return parseGrants(
        text,
        "<topic>=<namespace>[,<namespace>…], <prefix>*=… or …=*",
        topic -> {
          String name = topic.endsWith("*") ? topic.substring(0, topic.length() - 1) : topic;
          if (!name.matches("[a-zA-Z0-9._-]{0,249}") || (name.isEmpty() && !topic.equals("*"))) {
            throw new IllegalArgumentException(
                "'"
                    + topic
                    + "' is neither a Kafka topic (letters, digits, '.', '_', '-') nor a prefix of"
                    + " one followed by *");
          }
          return topic;
        },
        namespace ->
            namespace.equals(ANY_NAMESPACE)
                || namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?"),
        TopicGrant::new);
  }

  /**
   * Reads the form every grant setting takes, {@code key=namespace,namespace;key=*}: each entry's
   * key as {@code key} reads it (failing with what is wrong), and the namespaces it names, each of
   * which must pass {@code namespaceName}. Fails naming the entry that is malformed.
   */
  private static <G> List<G> parseGrants(
      String text,
      String form,
      UnaryOperator<String> key,
      Predicate<String> namespaceName,
      BiFunction<String, Set<String>, G> grant) {
    List<G> grants = new ArrayList<>();
    for (String entry : text.split(";")) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("'" + entry.trim() + "': expected " + form);
      }
      String granted = key.apply(entry.substring(0, eq).trim());
      Set<String> namespaces = new LinkedHashSet<>();
      for (String namespace : entry.substring(eq + 1).split(",")) {
        String trimmed = namespace.trim();
        if (trimmed.isEmpty()) {
          continue;
        }
        if (!namespaceName.test(trimmed)) {
          throw new IllegalArgumentException(
              "'" + granted + "': '" + trimmed + "' is not a namespace name (nor * for every one)");
        }
        namespaces.add(trimmed);
      }
      if (namespaces.isEmpty()) {
        throw new IllegalArgumentException(
            "'" + granted + "' names no namespace; use * for every namespace");
      }
      grants.add(grant.apply(granted, namespaces));
    }
    return grants;
  }
}
