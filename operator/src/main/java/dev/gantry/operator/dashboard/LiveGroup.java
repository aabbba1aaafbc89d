package dev.gantry.operator.dashboard;

import dev.gantry.operator.api.ReleaseGroup;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javalin.http.sse.SseClient;
import java.time.Clock;
import java.util.Set;

/** One release group's page, live: every change to the group re-renders its details. */
final class LiveGroup extends LiveStream {

  private final Viewer viewer;
  private final String namespace;
  private final String name;
  private final boolean allowed;
  private final Clock clock;
  private SharedIndexInformer<ReleaseGroup> groups;

  LiveGroup(
      SseClient sse,
      Set<LiveStream> open,
      Viewer viewer,
      String namespace,
      String name,
      boolean allowed,
      Clock clock) {
    super(sse, open, "group-" + namespace + "-" + name);
    this.viewer = viewer;
    this.namespace = namespace;
    this.name = name;
    this.allowed = allowed;
    this.clock = clock;
  }

  @Override
  void watch() {
    groups =
        inform(
            viewer
                .client()
                .resources(ReleaseGroup.class)
                .inNamespace(namespace)
                .withField("metadata.name", name)
                .runnableInformer(0),
            g -> {});
  }

  @Override
  void sendAll() {
    groups.getStore().list().stream()
        .findFirst()
        .ifPresentOrElse(
            g ->
                send(
                    "detail",
                    Pages.render("groupdetail", "page", GroupPage.of(g, allowed, clock.instant()))),
            () -> send("detail", Pages.render("gone", "name", name)));
  }
}
