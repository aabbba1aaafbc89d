package dev.gantry.operator.cli;

import dev.gantry.operator.api.ReleaseActionSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "set-weight",
    description = "Send WEIGHT percent of traffic to the canary and hold it there.")
final class SetWeightCommand extends ActionCommand {

  @Parameters(index = "1", paramLabel = "WEIGHT", description = "0 to 100")
  int weight;

  @Override
  ReleaseActionSpec.Action action() {
    return ReleaseActionSpec.Action.SetWeight;
  }

  @Override
  Integer weight() {
    if (weight < 0 || weight > 100) {
      throw new GantryCli.CliException("WEIGHT must be between 0 and 100, was " + weight);
    }
    return weight;
  }
}
