package dev.gantry.operator.dashboard;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.ReleaseGroup;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.javalin.http.sse.SseClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The release list, live: a changed Microservice replaces its own row; one added or deleted, or any
 * change to a release group, replaces the table.
 */
final class LiveList extends LiveStream {

  private final Viewer viewer;
  private final Scope services;
  private final Scope groups;
  private final Timeline timeline;
  private final Clock clock;
  private final List<SharedIndexInformer<Microservice>> serviceInformers = new ArrayList<>();
  private final List<SharedIndexInformer<ReleaseGroup>> groupInformers = new ArrayList<>();

  LiveList(
      SseClient sse,
      Set<LiveStream> open,
      Viewer viewer,
      Scope services,
      Scope groups,
      Timeline timeline,
      Clock clock) {
    super(sse, open, "list");
    this.viewer = viewer;
    this.services = services;
    this.groups = groups;
    this.timeline = timeline;
    this.clock = clock;
  }

  @Override
  void watch() {
    var ms = viewer.client().resources(Microservice.class);
    var rg = viewer.client().resources(ReleaseGroup.class);
    if (services.everywhere()) {
      serviceInformers.add(inform(ms.inAnyNamespace().runnableInformer(0), this::observe));
    } else {
      services
          .namespaces()
          .forEach(
              ns ->
                  serviceInformers.add(
                      inform(ms.inNamespace(ns).runnableInformer(0), this::observe)));
    }
    if (groups.everywhere()) {
      groupInformers.add(inform(rg.inAnyNamespace().runnableInformer(0), g -> {}));
    } else {
      groups
          .namespaces()
          .forEach(
              ns -> groupInformers.add(inform(rg.inNamespace(ns).runnableInformer(0), g -> {})));
    }
  }

  private void observe(Microservice ms) {
    timeline.observe(ms, clock.instant());
  }

  @Override
  void deleted(HasMetadata gone) {
    if (gone instanceof Microservice) {
      timeline.forget(gone.getMetadata().getNamespace(), gone.getMetadata().getName());
    }
  }

  @Override
  void changed(HasMetadata changed, boolean addedOrDeleted) {
    if (changed instanceof Microservice ms && !addedOrDeleted) {
      onSender(
          () -> {
            ServiceRow row = ServiceRow.of(ms);
            send(row.id(), Pages.render("row", "row", row));
          });
    } else {
      changedAll();
    }
  }

  @Override
  void sendAll() {
    send("services", Pages.render("rows", "rows", rows(serviceInformers)));
    send(
        "groups",
        Pages.render(
            "groups",
            "groups",
            groupInformers.stream()
                .flatMap(i -> i.getStore().list().stream())
                .sorted(Dashboard.BY_NAMESPACE_AND_NAME)
                .map(GroupRow::of)
                .toList()));
  }

  private static List<ServiceRow> rows(List<SharedIndexInformer<Microservice>> informers) {
    return informers.stream()
        .flatMap(i -> i.getStore().list().stream())
        .sorted(Dashboard.BY_NAMESPACE_AND_NAME)
        .map(ServiceRow::of)
        .toList();
  }
}
