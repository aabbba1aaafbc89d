package dev.gantry.operator.dashboard;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javalin.http.sse.SseClient;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * One service's page, live: its Microservice, its revisions' Deployments and its Events re-render
 * the details; any Microservice of the namespace re-draws the graph. Deployments and Events are
 * watched only when the viewer may list them.
 */
final class LiveService extends LiveStream {

  private final Viewer viewer;
  private final String namespace;
  private final String name;
  private final Access access;
  private final Timeline timeline;
  private final Clock clock;
  private SharedIndexInformer<Microservice> services;
  private SharedIndexInformer<Deployment> deployments;
  private SharedIndexInformer<Event> events;

  /** What the viewer may list beside Microservices, asked once when the page is opened. */
  record Access(boolean deployments, boolean events, boolean act) {}

  LiveService(
      SseClient sse,
      Set<LiveStream> open,
      Viewer viewer,
      String namespace,
      String name,
      Access access,
      Timeline timeline,
      Clock clock) {
    super(sse, open, namespace + "-" + name);
    this.viewer = viewer;
    this.namespace = namespace;
    this.name = name;
    this.access = access;
    this.timeline = timeline;
    this.clock = clock;
  }

  @Override
  void watch() {
    var client = viewer.client();
    services =
        inform(
            client.resources(Microservice.class).inNamespace(namespace).runnableInformer(0),
            ms -> {
              if (ms.getMetadata().getName().equals(name)) {
                timeline.observe(ms, clock.instant());
              }
            });
    if (access.deployments()) {
      deployments =
          inform(
              client
                  .apps()
                  .deployments()
                  .inNamespace(namespace)
                  .withLabel(Labels.MICROSERVICE, name)
                  .runnableInformer(0),
              d -> {});
    }
    if (access.events()) {
      events =
          inform(
              client
                  .v1()
                  .events()
                  .inNamespace(namespace)
                  .withField("involvedObject.name", name)
                  .runnableInformer(0),
              e -> {});
    }
  }

  @Override
  void sendAll() {
    List<Microservice> all = services.getStore().list();
    all.stream()
        .filter(ms -> ms.getMetadata().getName().equals(name))
        .findFirst()
        .ifPresentOrElse(
            ms ->
                send(
                    "detail",
                    Pages.render(
                        "detail",
                        "page",
                        ServicePage.of(
                            ms,
                            deployments == null ? null : deployments.getStore().list(),
                            events == null ? null : Dashboard.about(events.getStore().list()),
                            timeline.series(namespace, name),
                            access.act(),
                            clock.instant()))),
            () -> send("detail", Pages.render("gone", "name", name)));
    send("graph", Dashboard.graph(all, name));
  }
}
