package dev.gantry.operator.cli;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.ReleaseGroup;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    description = "Show a rollout: phase, step, weights, revisions, replicas, last action.")
final class StatusCommand implements Callable<Integer> {

  @ParentCommand GantryCli cli;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "NAME",
      description = "the Microservice, or group/NAME for a release group")
  String name;

  @Option(
      names = {"-w", "--watch"},
      description = "keep showing it as it changes (Ctrl-C to stop)")
  boolean watch;

  @Override
  public Integer call() throws Exception {
    try (KubernetesClient client = cli.client()) {
      Subject subject = Subject.parse(name);
      String namespace = GantryCli.namespaceOf(client);
      if (subject.group()) {
        return show(
            GantryCli.releaseGroup(client, subject.name()),
            client.resources(ReleaseGroup.class).inNamespace(namespace).withName(subject.name()),
            GroupStatusView::render,
            "group/" + subject.name());
      }
      return show(
          GantryCli.microservice(client, subject.name()),
          client.resources(Microservice.class).inNamespace(namespace).withName(subject.name()),
          StatusView::render,
          subject.name());
    }
  }

  /** Shows {@code found}; with {@code -w}, again at every change until it is deleted or Ctrl-C. */
  private <T extends HasMetadata> int show(
      T found, Resource<T> resource, BiFunction<T, Instant, String> view, String label)
      throws InterruptedException {
    var out = spec.commandLine().getOut();
    out.print(view.apply(found, Instant.now()));
    out.flush();
    if (!watch) {
      return GantryCli.APPLIED;
    }
    CountDownLatch gone = new CountDownLatch(1);
    try (var w =
        resource.watch(
            new Watcher<>() {
              @Override
              public void eventReceived(Action action, T changed) {
                if (action == Action.DELETED) {
                  out.println(label + " was deleted");
                  gone.countDown();
                } else {
                  out.println();
                  out.print(view.apply(changed, Instant.now()));
                }
                out.flush();
              }

              @Override
              public void onClose(WatcherException cause) {
                gone.countDown();
              }
            })) {
      gone.await();
    }
    return GantryCli.APPLIED;
  }
}
