package dev.gantry.operator.cli;

import dev.gantry.operator.api.ReleaseActionSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "promote",
    description = "Go on to the next step now; with --full, skip every remaining step.")
final class PromoteCommand extends ActionCommand {

  @Option(names = "--full", description = "promote at once, skipping the remaining steps")
  boolean full;

  @Override
  ReleaseActionSpec.Action action() {
    return full ? ReleaseActionSpec.Action.PromoteFull : ReleaseActionSpec.Action.Promote;
  }
}
