package dev.gantry.operator.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code kubectl gantry}: watch a rollout and steer it. Every steering command creates a
 * ReleaseAction as the current user and waits for the operator's outcome, so release managers need
 * no right to edit Microservices, and GitOps tools owning the spec never undo their work. Exit
 * codes: 0 applied, 1 rejected, 2 error.
 */
@Command(
    name = "kubectl gantry",
    // Inherited: every subcommand answers --help (and --version), as its error lines promise.
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    version = "gantry 0.1.0",
    description = "Watch and steer Gantry rollouts.")
public final class GantryCli {

  /**
   * Every subcommand, in the order {@code --help} lists them; adding one is adding its class here.
   * Only the invoked one gets a picocli model built (see {@link Subcommands}).
   */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          StatusCommand.class,
          HistoryCommand.class,
          ApiDiffCommand.class,
          KafkaAclsCommand.class,
          SetWeightCommand.class,
          PromoteCommand.class,
          ActionCommand.Abort.class,
          ActionCommand.Pause.class,
          ActionCommand.Resume.class,
          ActionCommand.Undo.class,
          ActionCommand.AcceptBreakingChange.class,
          DashboardCommand.class);

  public static final int APPLIED = 0;
  public static final int REJECTED = 1;
  public static final int ERROR = 2;

  @Option(
      names = {"-n", "--namespace"},
      scope = ScopeType.INHERIT,
      description = "namespace (default: the context's)")
  String namespace;

  @Option(
      names = "--kubeconfig",
      scope = ScopeType.INHERIT,
      description = "kubeconfig file (default: $KUBECONFIG or ~/.kube/config)")
  Path kubeconfig;

  @Option(names = "--context", scope = ScopeType.INHERIT, description = "kubeconfig context")
  String context;

  @Option(names = "--as", scope = ScopeType.INHERIT, description = "user to impersonate")
  String as;

  @Option(
      names = "--timeout",
      scope = ScopeType.INHERIT,
      defaultValue = DEFAULT_TIMEOUT,
      description = "how long to wait for the operator's answer (default ${DEFAULT-VALUE})")
  String timeout = DEFAULT_TIMEOUT;

  private static final String DEFAULT_TIMEOUT = "30s";

  /** Whether stdout is a terminal, so {@code status -w} may redraw in place. */
  boolean terminal;

  /** Where commands print: what {@link #run} was given. */
  PrintWriter out;

  PrintWriter err;

  /** A fabric8 client for this command line's kubeconfig, context, namespace and user. */
  public KubernetesClient client() {
    Config config;
    try {
      String text = kubeconfig != null ? Files.readString(kubeconfig) : null;
      config =
          text != null
              ? Config.fromKubeconfig(context, text, kubeconfig.toString())
              : Config.autoConfigure(context);
    } catch (IOException e) {
      throw new CliException("cannot read kubeconfig " + kubeconfig + ": " + e.getMessage());
    }
    ConfigBuilder builder = new ConfigBuilder(config);
    if (as != null) {
      builder.withImpersonateUsername(as);
    }
    if (namespace != null) {
      builder.withNamespace(namespace);
    }
    return new KubernetesClientBuilder().withConfig(builder.build()).build();
  }

  /**
   * The API server for the hot commands: the CLI's own small client when the kubeconfig is one it
   * reads (client certificate or token), fabric8 for everything else (exec plugins, auth providers,
   * proxies, in-cluster, merged files). The kinds the command will read ({@code willRead}) are
   * prepared for on a second thread meanwhile.
   */
  Cluster cluster(Class<?>... willRead) {
    RestCluster.prepareToRead(willRead);
    Optional<KubeConfig> config;
    try {
      config = KubeConfig.load(kubeconfig, context, System.getenv(), System.getProperties());
    } catch (IOException e) {
      config = Optional.empty(); // client() reports what is wrong, in the words it always used
    }
    if (config.isPresent()) {
      try {
        return new RestCluster(config.get(), namespace, as, Tls.socketFactory(config.get()));
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        // A key or certificate the JDK alone does not read: fabric8 (with its providers) may.
      }
    }
    return new Fabric8Cluster(client());
  }

  /** The Microservice {@code name} in the client's namespace, or a one-line error. */
  static dev.gantry.operator.api.Microservice microservice(KubernetesClient client, String name) {
    String namespace = namespaceOf(client);
    var ms =
        client
            .resources(dev.gantry.operator.api.Microservice.class)
            .inNamespace(namespace)
            .withName(name)
            .get();
    if (ms == null) {
      throw new CliException("microservice " + name + " not found in namespace " + namespace);
    }
    return ms;
  }

  static dev.gantry.operator.api.ReleaseGroup releaseGroup(KubernetesClient client, String name) {
    String namespace = namespaceOf(client);
    var group =
        client
            .resources(dev.gantry.operator.api.ReleaseGroup.class)
            .inNamespace(namespace)
            .withName(name)
            .get();
    if (group == null) {
      throw new CliException("release group " + name + " not found in namespace " + namespace);
    }
    return group;
  }

  static String namespaceOf(KubernetesClient client) {
    return client.getNamespace() == null ? "default" : client.getNamespace();
  }

  Duration timeout() {
    try {
      return dev.gantry.operator.api.Durations.parse(timeout);
    } catch (IllegalArgumentException e) {
      throw new CliException("--timeout: " + e.getMessage());
    }
  }

  /** Runs the command line; returns the exit code. Errors are one line on {@code err}. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(out, err, false, args);
  }

  static int run(PrintWriter out, PrintWriter err, boolean terminal, String... args) {
    GantryCli cli = new GantryCli();
    cli.terminal = terminal;
    cli.out = out;
    cli.err = err;
    Callable<Integer> hot = HotCommands.parse(cli, args);
    if (hot != null) {
      int code = execute(hot, err);
      out.flush();
      err.flush();
      return code;
    }
    CommandLine commandLine = new CommandLine(cli);
    Subcommands.register(commandLine, SUBCOMMANDS, args);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExitCodeExceptionMapper(e -> ERROR);
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("error: " + Terminal.safe(describe(e)));
          cmd.getErr().flush();
          return ERROR;
        });
    commandLine.setParameterExceptionHandler(
        (e, a) -> {
          e.getCommandLine().getErr().println("error: " + e.getMessage());
          e.getCommandLine()
              .getErr()
              .println("see: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
          return ERROR;
        });
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** Runs a command {@link HotCommands} read, reporting a failure as picocli's handler does. */
  private static int execute(Callable<Integer> command, PrintWriter err) {
    try {
      return command.call();
    } catch (Exception e) {
      err.println("error: " + Terminal.safe(describe(e)));
      return ERROR;
    }
  }

  static String describe(Exception e) {
    if (e instanceof CliException) {
      return e.getMessage();
    }
    if (e instanceof RestCluster.ApiException a) {
      return switch (a.code()) {
        case 401 -> "not authenticated: " + a.getMessage();
        case 403 -> "forbidden: " + a.getMessage();
        case 0 -> "cannot reach the API server: " + a.getMessage();
        default -> a.getMessage();
      };
    }
    if (e instanceof KubernetesClientException k) {
      String detail =
          k.getStatus() != null && k.getStatus().getMessage() != null
              ? k.getStatus().getMessage()
              : k.getMessage();
      return switch (k.getCode()) {
        case 401 -> "not authenticated: " + detail;
        case 403 -> "forbidden: " + detail;
        case 0 -> "cannot reach the API server: " + rootMessage(k);
        default -> detail;
      };
    }
    return rootMessage(e);
  }

  static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  public static void main(String[] args) {
    quietLogging(System.getenv("GANTRY_LOG_LEVEL"));
    boolean terminal = System.console() != null;
    System.exit(run(new PrintWriter(System.out), new PrintWriter(System.err), terminal, args));
  }

  /**
   * No logging framework in the CLI unless asked for: the model classes' static loggers (fabric8's
   * CustomResource has one) would otherwise start logback and parse its XML configuration, about
   * 0.1 s of every command, to print nothing. {@code GANTRY_LOG_LEVEL=DEBUG} brings logback back.
   */
  static void quietLogging(String logLevel) {
    if (logLevel == null && System.getProperty(SLF4J_PROVIDER) == null) {
      System.setProperty(SLF4J_PROVIDER, "org.slf4j.helpers.NOP_FallbackServiceProvider");
      System.setProperty("slf4j.internal.verbosity", "WARN"); // no line about the choice
    }
  }

  private static final String SLF4J_PROVIDER = "slf4j.provider";

  /** A failure to report as one line, without a stack trace. */
  static final class CliException extends RuntimeException {
    CliException(String message) {
      super(message);
    }
  }
}
