package dev.gantry.operator.cli;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.ReleaseAction;
import dev.gantry.operator.api.ReleaseActionSpec;
import dev.gantry.operator.api.ReleaseActionStatus;
import dev.gantry.operator.api.ReleaseGroup;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** A command that creates one ReleaseAction and reports its outcome. */
abstract class ActionCommand implements Callable<Integer> {

  @ParentCommand GantryCli cli;

  @Parameters(
      index = "0",
      paramLabel = "NAME",
      description = "the Microservice, or group/NAME for every member of a release group")
  String target;

  @Option(names = "--reason", description = "why, for the history")
  String reason;

  abstract ReleaseActionSpec.Action action();

  Integer weight() {
    return null;
  }

  @Override
  public Integer call() throws Exception {
    Subject subject = Subject.parse(target);
    try (Cluster cluster = cli.cluster(ReleaseAction.class)) {
      String namespace = cluster.namespace();
      Class<? extends HasMetadata> kind = subject.group() ? ReleaseGroup.class : Microservice.class;
      if (!cluster.exists(kind, subject.name())) {
        throw cluster.notFound(kind, subject.name());
      }
      String user = cluster.currentUser();
      ReleaseAction created =
          cluster.create(
              ReleaseAction.request(
                  namespace, subject.name(), subject.group(), action(), weight(), reason, user));
      ReleaseActionStatus outcome = cluster.awaitOutcome(created, cli.timeout());
      var out = cli.out;
      var err = cli.err;
      if (ReleaseActionStatus.APPLIED.equals(outcome.outcome())) {
        out.println(target + ": " + Terminal.safe(outcome.message()));
        return GantryCli.APPLIED;
      }
      err.println("rejected: " + Terminal.safe(outcome.message()));
      return GantryCli.REJECTED;
    }
  }

  @Command(
      name = "abort",
      description = "Stop the rollout: all traffic back to stable at once, the canary scaled down.")
  static final class Abort extends ActionCommand {
    @Override
    ReleaseActionSpec.Action action() {
      return ReleaseActionSpec.Action.Abort;
    }
  }

  @Command(name = "pause", description = "Hold the rollout at its current step.")
  static final class Pause extends ActionCommand {
    @Override
    ReleaseActionSpec.Action action() {
      return ReleaseActionSpec.Action.Pause;
    }
  }

  @Command(
      name = "resume",
      description = "Continue a paused rollout, or start an aborted one again.")
  static final class Resume extends ActionCommand {
    @Override
    ReleaseActionSpec.Action action() {
      return ReleaseActionSpec.Action.Resume;
    }
  }

  @Command(
      name = "accept-breaking-change",
      description =
          "Let the current canary through the API-compatibility gate although it breaks a"
              + " declared consumer (see kubectl gantry api-diff); for this revision only.")
  static final class AcceptBreakingChange extends ActionCommand {
    @Override
    ReleaseActionSpec.Action action() {
      return ReleaseActionSpec.Action.AcceptBreakingChange;
    }
  }

  @Command(
      name = "undo",
      description =
          "Go back to the previous revision; the spec's revision is held until the spec changes.")
  static final class Undo extends ActionCommand {
    @Override
    ReleaseActionSpec.Action action() {
      return ReleaseActionSpec.Action.Undo;
    }
  }
}
