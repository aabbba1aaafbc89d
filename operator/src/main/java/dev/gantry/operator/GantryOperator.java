package dev.gantry.operator;

import dev.gantry.operator.analysis.PrometheusClient;
import dev.gantry.operator.config.OperatorConfig;
import dev.gantry.operator.dependent.KafkaUserDependent;
import dev.gantry.operator.metrics.HttpEndpoints;
import dev.gantry.operator.metrics.OperatorMetrics;
import dev.gantry.operator.reconcile.CanaryAnalysis;
import dev.gantry.operator.reconcile.EventRecorder;
import dev.gantry.operator.reconcile.MicroserviceReconciler;
import dev.gantry.operator.reconcile.ReleaseActionReconciler;
import dev.gantry.operator.reconcile.ReleaseGroupReconciler;
import dev.gantry.operator.reconcile.RolloutBudgets;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.hotspot.DefaultExports;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operator process: configuration from the environment, one controller, metrics and health. */
public final class GantryOperator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GantryOperator.class);

  private final Operator operator;
  private final CanaryAnalysis analysis;
  private final HttpEndpoints endpoints;
  private volatile boolean closing;

  public GantryOperator(OperatorConfig config, KubernetesClient client) throws IOException {
    CollectorRegistry registry = new CollectorRegistry(true);
    DefaultExports.register(registry);
    // Created once, outside the overrider: JOSDK runs the overrider more than once.
    OperatorMetrics metrics = new OperatorMetrics(registry);
    String identity = config.identity();
    operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withMetrics(metrics)
                  .withConcurrentReconciliationThreads(config.reconcileThreads())
                  .withCloseClientOnStop(false)
                  .withStopOnInformerErrorDuringStartup(true)
                  .withInformerStoppedHandler(
                      (informer, error) -> informerStopped(informer.hasSynced(), error));
              if (config.leaderElection()) {
                o.withLeaderElectionConfiguration(
                    new LeaderElectionConfiguration(
                        config.leaseName(),
                        config.leaseNamespace(),
                        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
                        identity,
                        new LeaderCallbacks(
                            () -> LOG.info("{} leads", identity),
                            this::lostLeadership,
                            leader -> LOG.info("leader is {}", leader)),
                        false));
              }
            });
    analysis =
        new CanaryAnalysis(
            config.prometheus(),
            config.analysisLimits(),
            config.tenancy().tenantLabel(),
            config.metricsSource(),
            new PrometheusClient(config.analysisLimits().client()),
            client,
            Clock.systemUTC());
    EventRecorder events = new EventRecorder(client, identity, Clock.systemUTC());
    RolloutBudgets budgets = new RolloutBudgets(config.maxConcurrentRollouts());
    var reconciler =
        new MicroserviceReconciler(config, events, metrics, Clock.systemUTC(), analysis, budgets);
    operator.register(
        reconciler,
        overrider -> {
          overrider.withReconciliationMaxInterval(config.resyncInterval());
          if (!config.watchNamespaces().isEmpty()) {
            overrider.settingNamespaces(config.watchNamespaces());
          }
          // KafkaUsers live in the namespace Strimzi's User Operator watches.
          config
              .strimzi()
              .ifPresent(
                  strimzi ->
                      overrider.replacingNamedDependentResourceConfig(
                          KafkaUserDependent.NAME,
                          KafkaUserDependent.watching(strimzi.namespace())));
        });
    operator.register(
        new ReleaseGroupReconciler(budgets, events, Clock.systemUTC()),
        overrider -> {
          if (!config.watchNamespaces().isEmpty()) {
            overrider.settingNamespaces(config.watchNamespaces());
          }
        });
    operator.register(
        new ReleaseActionReconciler(config.releaseActionTimeToLive(), Clock.systemUTC()),
        overrider -> {
          if (!config.watchNamespaces().isEmpty()) {
            overrider.settingNamespaces(config.watchNamespaces());
          }
        });
    endpoints =
        new HttpEndpoints(
            config.metricsPort(),
            registry,
            () -> operator.getRuntimeInfo().allEventSourcesAreHealthy(),
            () -> operator.getRuntimeInfo().isStarted());
  }

  /**
   * A replica that loses its lease while running must stop reconciling at once, or two replicas
   * would act on the same objects: the process ends and is restarted. Losing the lease because the
   * operator is closing is not a failure.
   */
  private void lostLeadership() {
    if (!closing) {
      LOG.error("lost the leader lease; exiting so that only the new leader reconciles");
      System.exit(1);
    }
  }

  /**
   * A watch that worked and then stopped for good leaves the operator blind: the process ends and
   * is restarted. One that never started (a kind whose CRD is still being set up) is retried by the
   * next reconciliation, and one stopped because the operator is closing is no failure.
   */
  private void informerStopped(boolean hadSynced, Throwable error) {
    if (error != null && hadSynced && !closing) {
      LOG.error(
          "a watch stopped for good; exiting so that a restarted operator sees everything again",
          error);
      System.exit(1);
    }
  }

  public void start() {
    operator.start();
    LOG.info("gantry operator started; metrics and health on port {}", endpoints.port());
  }

  public int httpPort() {
    return endpoints.port();
  }

  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    operator.stop();
    analysis.close();
    endpoints.close();
  }

  public static void main(String[] args) throws IOException {
    // With one or two CPUs the common pool has parallelism 1, and CompletableFuture then starts
    // a thread per async task: the Kubernetes client would create thousands of threads.
    if (System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism") == null) {
      System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "8");
    }
    OperatorConfig config;
    try {
      config = OperatorConfig.fromEnvironment();
    } catch (IllegalArgumentException e) {
      LOG.error("invalid configuration: {}", e.getMessage());
      System.exit(2);
      return;
    }
    KubernetesClient client = new KubernetesClientBuilder().build();
    GantryOperator gantry = new GantryOperator(config, client);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  gantry.close();
                  client.close();
                },
                "shutdown"));
    gantry.start();
  }
}
