package dev.gantry.operator.cli;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.ReleaseGroup;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "status",
    description = "Show a rollout: phase, step, weights, revisions, replicas, last action.")
final class StatusCommand implements Callable<Integer> {

  @ParentCommand GantryCli cli;

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
    Subject subject = Subject.parse(name);
    try (Cluster cluster = cli.cluster(subject.group() ? ReleaseGroup.class : Microservice.class)) {
      if (subject.group()) {
        return show(
            cluster,
            ReleaseGroup.class,
            cluster.releaseGroup(subject.name()),
            GroupStatusView::render,
            "group/" + subject.name());
      }
      return show(
          cluster,
          Microservice.class,
          cluster.microservice(subject.name()),
          StatusView::render,
          subject.name());
    }
  }

  /**
   * Shows {@code found}; with {@code -w}, again at every change until it is deleted or Ctrl-C: in
   * place on a terminal, appended otherwise (see {@link Redraw}).
   */
  private <T extends HasMetadata> int show(
      Cluster cluster, Class<T> type, T found, BiFunction<T, Instant, String> view, String label)
      throws InterruptedException {
    var out = cli.out;
    boolean redraw = watch && cli.terminal;
    out.print(Redraw.frame(view.apply(found, Instant.now()), redraw, true));
    out.flush();
    if (!watch) {
      return GantryCli.APPLIED;
    }
    cluster.watch(
        type,
        found,
        changed -> {
          out.print(Redraw.frame(view.apply(changed, Instant.now()), redraw, false));
          out.flush();
        },
        () -> {
          out.println(label + " was deleted");
          out.flush();
        });
    return GantryCli.APPLIED;
  }
}
