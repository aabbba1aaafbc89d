package dev.gantry.operator.compatibility;

import java.util.List;
import java.util.Map;

/**
 * Everything the API-compatibility gate judges a revision from: its documents and the stable
 * revision's, who consumes what it serves, and what it uses of its providers.
 *
 * @param service the Microservice
 * @param revision the revision judged
 * @param against the stable revision, null for a first revision
 * @param openapi the judged revision's OpenAPI document
 * @param stableOpenapi the stable revision's OpenAPI document, as stored with that revision
 * @param events the judged revision's event schemas, by topic
 * @param stableEvents the stable revision's event schemas, by topic
 * @param consumers the Microservices that depend on this one
 * @param topicReaders the Microservices that consume each topic this one produces
 * @param providers what this service declares it uses of each provider, with the provider's stable
 *     document
 */
public record Contracts(
    String service,
    String revision,
    String against,
    Document openapi,
    Document stableOpenapi,
    Map<String, Document> events,
    Map<String, Document> stableEvents,
    List<Consumer> consumers,
    Map<String, List<String>> topicReaders,
    List<Provider> providers) {

  public Contracts {
    events = Map.copyOf(events);
    stableEvents = Map.copyOf(stableEvents);
    consumers = List.copyOf(consumers);
    topicReaders = Map.copyOf(topicReaders);
    providers = List.copyOf(providers);
  }

  /**
   * A Microservice that calls this one.
   *
   * @param operations what it declares it calls; null when it declares nothing (every operation
   *     counts as used)
   */
  public record Consumer(String name, List<String> operations) {}

  /**
   * A Microservice this one declares operations of.
   *
   * @param revision the provider's stable revision, null before it has one
   * @param openapi the provider's stable OpenAPI document
   */
  public record Provider(String name, String revision, List<String> operations, Document openapi) {
    public Provider {
      operations = List.copyOf(operations);
    }
  }
}
