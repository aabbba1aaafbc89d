package dev.gantry.operator.reconcile;

import dev.gantry.operator.api.Api;
import dev.gantry.operator.api.ApiDocumentRef;
import dev.gantry.operator.api.ApiStatus;
import dev.gantry.operator.api.ApiUse;
import dev.gantry.operator.api.EventContract;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceSpec;
import dev.gantry.operator.compatibility.ApiGate;
import dev.gantry.operator.compatibility.Contracts;
import dev.gantry.operator.compatibility.Document;
import dev.gantry.operator.dependent.ConfigMapDependent;
import dev.gantry.operator.naming.Labels;
import dev.gantry.operator.naming.Names;
import dev.gantry.operator.render.ApiConfigMaps;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Gathers what the API-compatibility gate judges: the documents a spec declares (from the team's
 * ConfigMaps labelled {@code gantry.dev/api-document: "true"}; no other ConfigMap is read), each
 * revision's stored contract, and the Microservices of the namespace on either side of it. The
 * judgement itself is {@link ApiGate}'s; the last one per Microservice is kept, so an unchanged
 * contract is not parsed again on every reconciliation.
 */
final class ApiContracts {

  static final String EVENT_SOURCE = "api-documents";

  /** Judgements kept, newest used last; one per Microservice is what is needed. */
  private static final int REMEMBERED = 4096;

  private final Map<ResourceID, Remembered> judged =
      Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ResourceID, Remembered> eldest) {
              return size() > REMEMBERED;
            }
          });

  private record Remembered(Contracts contracts, ApiStatus status) {}

  /**
   * The labelled ConfigMaps; a change to one wakes the Microservices of its namespace that name it.
   */
  static InformerEventSource<ConfigMap, Microservice> eventSource(
      EventSourceContext<Microservice> context,
      InformerEventSource<Microservice, Microservice> microservices) {
    var configuration =
        InformerEventSourceConfiguration.from(ConfigMap.class, Microservice.class)
            .withName(EVENT_SOURCE)
            .withNamespacesInheritedFromController()
            .withLabelSelector(Labels.API_DOCUMENT + "=true")
            .withSecondaryToPrimaryMapper(
                document ->
                    microservices
                        .list(document.getMetadata().getNamespace())
                        .filter(
                            ms ->
                                references(ms.getSpec())
                                    .anyMatch(
                                        ref ->
                                            ref.configMap()
                                                .equals(document.getMetadata().getName())))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .build();
    return new InformerEventSource<>(configuration, context);
  }

  /**
   * The documents the spec declares, as the ConfigMaps hold them now, by {@link ApiConfigMaps} key;
   * empty when the spec declares no {@code api}.
   */
  static Map<String, Document> declared(Microservice ms, Context<Microservice> context) {
    Api api = ms.getSpec().api();
    Map<String, Document> out = new TreeMap<>();
    if (api == null) {
      return out;
    }
    String namespace = ms.getMetadata().getNamespace();
    if (api.openapi() != null) {
      out.put(ApiConfigMaps.OPENAPI, read(api.openapi(), namespace, context));
    }
    for (EventContract event : api.events()) {
      out.put(ApiConfigMaps.eventKey(event.topic()), read(event.schema(), namespace, context));
    }
    return out;
  }

  /** What a revision's hash takes from the contract: each document's text, or why it is missing. */
  static Map<String, String> fingerprint(Map<String, Document> documents) {
    Map<String, String> out = new TreeMap<>();
    documents.forEach(
        (key, doc) ->
            out.put(
                key,
                doc instanceof Document.Text t
                    ? t.content()
                    : "\0" + ((Document.Missing) doc).why()));
    return out;
  }

  /** The documents that can be stored with the revision. */
  static Map<String, String> storable(Map<String, Document> documents) {
    Map<String, String> out = new TreeMap<>();
    documents.forEach(
        (key, doc) -> {
          if (doc instanceof Document.Text t) {
            out.put(key, t.content());
          }
        });
    return out;
  }

  /**
   * The gate's judgement of {@code revision} (the spec's, with {@code declared} documents) against
   * {@code stable}; null when the spec declares no {@code api}.
   */
  ApiStatus judge(
      Microservice ms,
      String revision,
      Map<String, Document> declared,
      String stable,
      Context<Microservice> context) {
    MicroserviceSpec spec = ms.getSpec();
    if (spec.api() == null) {
      judged.remove(ResourceID.fromResource(ms));
      return null;
    }
    String name = ms.getMetadata().getName();
    String namespace = ms.getMetadata().getNamespace();
    Map<String, Document> stored =
        stable == null || stable.equals(revision)
            ? declared
            : stored(namespace, name, stable, context).orElse(Map.of());
    Map<String, Document> events = new TreeMap<>();
    Map<String, Document> stableEvents = new TreeMap<>();
    declared.forEach(
        (key, doc) -> {
          String topic = ApiConfigMaps.topicOf(key);
          if (topic != null) {
            events.put(topic, doc);
          }
        });
    stored.forEach(
        (key, doc) -> {
          String topic = ApiConfigMaps.topicOf(key);
          if (topic != null) {
            stableEvents.put(topic, doc);
          }
        });
    List<Microservice> neighbours =
        Callers.namespace(ms, context)
            .filter(other -> !other.getMetadata().getName().equals(name))
            .toList();
    List<Contracts.Consumer> consumers =
        neighbours.stream()
            .filter(other -> other.getSpec().dependsOn().contains(name))
            .map(
                other ->
                    new Contracts.Consumer(
                        other.getMetadata().getName(), declaredUses(other.getSpec(), name)))
            .toList();
    Map<String, List<String>> readers = new TreeMap<>();
    for (String topic : events.keySet()) {
      readers.put(
          topic,
          neighbours.stream()
              .filter(
                  other ->
                      other.getSpec().kafka() != null
                          && other.getSpec().kafka().consumes().contains(topic))
              .map(other -> other.getMetadata().getName())
              .sorted()
              .toList());
    }
    List<Contracts.Provider> providers = new ArrayList<>();
    for (ApiUse use : spec.api().uses()) {
      Optional<Microservice> provider =
          neighbours.stream()
              .filter(other -> other.getMetadata().getName().equals(use.service()))
              .findFirst();
      String providerStable =
          provider
              .map(p -> p.getStatus() == null ? null : p.getStatus().stableRevision())
              .orElse(null);
      boolean documented =
          provider
              .map(p -> p.getSpec().api() != null && p.getSpec().api().openapi() != null)
              .orElse(false);
      Document served =
          providerStable == null || !documented
              ? Document.NONE
              : stored(namespace, use.service(), providerStable, context)
                  .map(docs -> docs.getOrDefault(ApiConfigMaps.OPENAPI, Document.NONE))
                  .orElse(Document.NONE);
      providers.add(
          new Contracts.Provider(use.service(), providerStable, use.operations(), served));
    }
    Contracts contracts =
        new Contracts(
            name,
            revision,
            stable,
            declared.getOrDefault(ApiConfigMaps.OPENAPI, Document.NONE),
            stable == null
                ? Document.NONE
                : stored.getOrDefault(ApiConfigMaps.OPENAPI, Document.NONE),
            events,
            stableEvents,
            consumers,
            readers,
            providers);
    ResourceID id = ResourceID.fromResource(ms);
    Remembered last = judged.get(id);
    if (last != null && last.contracts().equals(contracts)) {
      return last.status();
    }
    ApiStatus status = ApiGate.judge(contracts);
    judged.put(id, new Remembered(contracts, status));
    return status;
  }

  /** What {@code consumer} declares it uses of {@code provider}; null when it declares nothing. */
  private static List<String> declaredUses(MicroserviceSpec consumer, String provider) {
    if (consumer.api() == null) {
      return null;
    }
    return consumer.api().uses().stream()
        .filter(u -> u.service().equals(provider))
        .findFirst()
        .map(ApiUse::operations)
        .orElse(null);
  }

  /** A revision's stored contract, if that revision stored one. */
  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Document>> stored(
      String namespace, String name, String revision, Context<Microservice> context) {
    var source =
        (InformerEventSource<ConfigMap, Microservice>)
            context
                .eventSourceRetriever()
                .getEventSourceFor(ConfigMap.class, ConfigMapDependent.NAME);
    return source
        .get(new ResourceID(Names.apiConfigMap(name, revision), namespace))
        .map(
            cm -> {
              Map<String, Document> docs = new TreeMap<>();
              if (cm.getData() != null) {
                cm.getData().forEach((key, text) -> docs.put(key, new Document.Text(text)));
              }
              return docs;
            });
  }

  @SuppressWarnings("unchecked")
  private static Document read(
      ApiDocumentRef ref, String namespace, Context<Microservice> context) {
    var source =
        (InformerEventSource<ConfigMap, Microservice>)
            context.eventSourceRetriever().getEventSourceFor(ConfigMap.class, EVENT_SOURCE);
    Optional<ConfigMap> found = source.get(new ResourceID(ref.configMap(), namespace));
    if (found.isEmpty()) {
      return new Document.Missing(
          "ConfigMap "
              + ref.configMap()
              + " does not exist or is not labelled "
              + Labels.API_DOCUMENT
              + "=true");
    }
    Map<String, String> data = found.get().getData();
    String text = data == null ? null : data.get(ref.key());
    return text == null
        ? new Document.Missing("ConfigMap " + ref.configMap() + " has no key " + ref.key())
        : new Document.Text(text);
  }

  private static Stream<ApiDocumentRef> references(MicroserviceSpec spec) {
    if (spec == null || spec.api() == null) {
      return Stream.empty();
    }
    return Stream.concat(
        Stream.ofNullable(spec.api().openapi()),
        spec.api().events().stream().map(EventContract::schema));
  }
}
