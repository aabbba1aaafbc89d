package dev.gantry.operator.cli;

import dev.gantry.operator.api.Microservice;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "history",
    description = "List the recent release actions: who, what, when, why, and the outcome.")
final class HistoryCommand implements Callable<Integer> {

  @ParentCommand GantryCli cli;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "NAME",
      description = "the Microservice, or group/NAME for a release group")
  String name;

  @Override
  public Integer call() {
    try (KubernetesClient client = cli.client()) {
      Subject subject = Subject.parse(name);
      List<dev.gantry.operator.api.HistoryEntry> history;
      if (subject.group()) {
        var group = GantryCli.releaseGroup(client, subject.name());
        history = group.getStatus() == null ? List.of() : group.getStatus().history();
      } else {
        Microservice ms = GantryCli.microservice(client, subject.name());
        history = ms.getStatus() == null ? List.of() : ms.getStatus().history();
      }
      spec.commandLine().getOut().print(HistoryView.render(history, Instant.now()));
      return GantryCli.APPLIED;
    }
  }
}
