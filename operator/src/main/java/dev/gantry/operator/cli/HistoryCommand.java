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

  @Parameters(index = "0", paramLabel = "NAME", description = "the Microservice")
  String name;

  @Override
  public Integer call() {
    try (KubernetesClient client = cli.client()) {
      Microservice ms = GantryCli.microservice(client, name);
      var history =
          ms.getStatus() == null
              ? List.<dev.gantry.operator.api.HistoryEntry>of()
              : ms.getStatus().history();
      spec.commandLine().getOut().print(HistoryView.render(history, Instant.now()));
      return GantryCli.APPLIED;
    }
  }
}
