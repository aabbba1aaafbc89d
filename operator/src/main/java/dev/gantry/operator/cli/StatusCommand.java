package dev.gantry.operator.cli;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.ReleaseGroup;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
      if (subject.group()) {
        return group(client, subject.name());
      }
      Microservice ms = GantryCli.microservice(client, name);
      var resource =
          client
              .resources(Microservice.class)
              .inNamespace(GantryCli.namespaceOf(client))
              .withName(name);
      var out = spec.commandLine().getOut();
      out.print(StatusView.render(ms, Instant.now()));
      out.flush();
      if (!watch) {
        return GantryCli.APPLIED;
      }
      CountDownLatch gone = new CountDownLatch(1);
      try (var w =
          resource.watch(
              new Watcher<>() {
                @Override
                public void eventReceived(Action action, Microservice changed) {
                  if (action == Action.DELETED) {
                    out.println(name + " was deleted");
                    gone.countDown();
                  } else {
                    out.println();
                    out.print(StatusView.render(changed, Instant.now()));
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

  private int group(KubernetesClient client, String group) throws InterruptedException {
    ReleaseGroup found = GantryCli.releaseGroup(client, group);
    var out = spec.commandLine().getOut();
    out.print(GroupStatusView.render(found, Instant.now()));
    out.flush();
    if (!watch) {
      return GantryCli.APPLIED;
    }
    CountDownLatch gone = new CountDownLatch(1);
    try (var w =
        client
            .resources(ReleaseGroup.class)
            .inNamespace(GantryCli.namespaceOf(client))
            .withName(group)
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, ReleaseGroup changed) {
                    if (action == Action.DELETED) {
                      out.println("group/" + group + " was deleted");
                      gone.countDown();
                    } else {
                      out.println();
                      out.print(GroupStatusView.render(changed, Instant.now()));
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
