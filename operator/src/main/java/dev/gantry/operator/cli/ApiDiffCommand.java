package dev.gantry.operator.cli;

import dev.gantry.operator.api.ApiStatus;
import dev.gantry.operator.api.Microservice;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kubectl gantry api-diff}: the operator's judgement of the spec's revision against the
 * stable one. Exit 0 when it breaks no declared consumer, 1 when it does or cannot be judged.
 */
@Command(
    name = "api-diff",
    description =
        "Show what the candidate revision changes in the service's API against the stable one,"
            + " marking what breaks whom.")
final class ApiDiffCommand implements Callable<Integer> {

  @ParentCommand GantryCli cli;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "the Microservice")
  String name;

  @Override
  public Integer call() {
    try (KubernetesClient client = cli.client()) {
      Microservice ms = GantryCli.microservice(client, name);
      ApiStatus api = ms.getStatus() == null ? null : ms.getStatus().api();
      spec.commandLine().getOut().print(ApiDiffView.render(ms, api));
      return api == null || ApiStatus.COMPATIBLE.equals(api.verdict())
          ? GantryCli.APPLIED
          : GantryCli.REJECTED;
    }
  }
}
