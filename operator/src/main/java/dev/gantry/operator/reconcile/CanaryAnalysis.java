package dev.gantry.operator.reconcile;

import dev.gantry.operator.analysis.AnalysisLimits;
import dev.gantry.operator.analysis.Check;
import dev.gantry.operator.analysis.CheckPlan;
import dev.gantry.operator.analysis.PrometheusClient;
import dev.gantry.operator.analysis.PrometheusEndpoints;
import dev.gantry.operator.analysis.Queries;
import dev.gantry.operator.analysis.QueryBudget;
import dev.gantry.operator.analysis.Reading;
import dev.gantry.operator.analysis.Schedule;
import dev.gantry.operator.analysis.Verdicts;
import dev.gantry.operator.api.Analysis;
import dev.gantry.operator.api.AnalysisMetric;
import dev.gantry.operator.api.ClusterMetricTemplate;
import dev.gantry.operator.api.ClusterMetricTemplateSpec;
import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.timer.TimerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures canaries in Prometheus, on threads of its own: a reconciliation never waits for
 * Prometheus. When a check is due it is started (if the namespace's query budget allows; else it
 * waits for it); when it finishes, the Microservice is reconciled again and the check is judged
 * then — if it still measures the canary as it now is. A slow, huge or unreachable answer makes
 * that one check inconclusive, never a pass, and holds no reconciliation.
 */
public final class CanaryAnalysis implements AutoCloseable {

  static final String EVENT_SOURCE = "canary-analysis";
  private static final Logger LOG = LoggerFactory.getLogger(CanaryAnalysis.class);

  /**
   * Checks waiting for a thread; beyond this many a due check waits for the next reconciliation.
   */
  private static final int QUEUE = 256;

  /** Finished checks nobody collected (the Microservice went away) are dropped after this. */
  private static final Duration UNCOLLECTED = Duration.ofMinutes(10);

  private final PrometheusEndpoints endpoints;
  private final AnalysisLimits limits;
  private final String tenantLabel;
  private final Analysis.MetricsSource defaultSource;
  private final PrometheusClient prometheus;
  private final KubernetesClient client;
  private final Clock clock;
  private final QueryBudget budget;
  private final ThreadPoolExecutor executor;
  private final TimerEventSource<Microservice> wakeUps =
      new TimerEventSource<>(EVENT_SOURCE, false);
  private final Map<ResourceID, Job> jobs = new ConcurrentHashMap<>();

  /**
   * @param tenantLabel the label a team's own query is confined by (see {@code TenantPolicy})
   */
  public CanaryAnalysis(
      PrometheusEndpoints endpoints,
      AnalysisLimits limits,
      String tenantLabel,
      Analysis.MetricsSource defaultSource,
      PrometheusClient prometheus,
      KubernetesClient client,
      Clock clock) {
    this.endpoints = endpoints;
    this.limits = limits;
    this.tenantLabel = tenantLabel;
    this.defaultSource = defaultSource;
    this.prometheus = prometheus;
    this.client = client;
    this.clock = clock;
    this.budget = new QueryBudget(limits.queriesPerMinute());
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            limits.threads(),
            limits.threads(),
            1,
            TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(QUEUE),
            task -> {
              Thread thread = new Thread(task, "canary-analysis-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    executor.allowCoreThreadTimeOut(true);
  }

  /**
   * Wakes a Microservice when its check has finished, or when its namespace's budget allows one.
   * (JOSDK's timer source is typed for any primary; this one only ever schedules Microservices.)
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  EventSource<?, Microservice> eventSource() {
    return (EventSource) wakeUps;
  }

  /**
   * Where the canary's analysis stands for this reconciliation.
   *
   * @param finished a check to judge now, if one finished for the canary as it is
   * @param recheck a check is being measured or waits for the budget: its end wakes the reconciler;
   *     this is when to look again even if that wake-up were lost
   */
  record Progress(Check finished, Duration recheck) {
    static final Progress NONE = new Progress(null, null);

    static Progress pending(Duration recheck) {
      return new Progress(null, recheck);
    }

    boolean pending() {
      return recheck != null;
    }
  }

  /** What a check measured: a canary revision at a weight, since its step started. */
  private record Basis(String uid, String revision, int weight, String since) {}

  private record Job(Basis basis, Future<Check> future, Instant startedAt) {}

  /**
   * @param analysis the analysis as the platform admits it (interval at least the platform's
   *     minimum)
   */
  Progress progress(Microservice ms, Analysis analysis, Instant now) {
    dropUncollected(now);
    ResourceID id = ResourceID.fromResource(ms);
    MicroserviceStatus status =
        Objects.requireNonNullElse(ms.getStatus(), MicroserviceStatus.EMPTY);
    Optional<Instant> due = Schedule.nextCheck(analysis, status);
    if (due.isEmpty()) {
      cancel(id);
      return Progress.NONE;
    }
    Basis basis =
        new Basis(
            ms.getMetadata().getUid(),
            status.canaryRevision(),
            status.canaryWeight(),
            status.rolloutState().stepStartedAt());
    Job job = jobs.get(id);
    if (job != null && !job.basis().equals(basis)) {
      // Measured a weight or revision that is gone: worth nothing now.
      cancel(id);
      job = null;
    }
    if (job != null && !job.future().isDone()) {
      Duration left = checkTime().minus(Duration.between(job.startedAt(), now));
      if (!left.isNegative()) {
        return Progress.pending(left);
      }
      // Overdue: it cannot end well (each query has its deadline), so it is given up and started
      // again.
      LOG.warn(
          "{}/{}: a check has run for longer than {}s; starting another",
          ms.getMetadata().getNamespace(),
          ms.getMetadata().getName(),
          checkTime().toSeconds());
      cancel(id);
      job = null;
    }
    if (job != null) {
      jobs.remove(id, job);
      return new Progress(result(job.future()), null);
    }
    if (now.isBefore(due.get())) {
      return Progress.NONE;
    }
    String namespace = ms.getMetadata().getNamespace();
    Duration wait = budget.take(namespace, CheckPlan.cost(analysis), now);
    if (!wait.isZero()) {
      LOG.info(
          "{}/{}: analysis waits {} ms for the namespace's query budget ({} per minute)",
          namespace,
          ms.getMetadata().getName(),
          wait.toMillis(),
          limits.queriesPerMinute());
      wakeUps.scheduleOnce(id, wait.toMillis());
      return Progress.pending(wait);
    }
    String name = ms.getMetadata().getName();
    Queries.Target canary =
        new Queries.Target(namespace, name, status.canaryRevision(), analysis.interval());
    Queries.Target stable =
        new Queries.Target(namespace, name, status.stableRevision(), analysis.interval());
    FutureTask<Check> task =
        new FutureTask<>(() -> measure(analysis, canary, stable, basis)) {
          /**
           * Once the result is there (not merely computed), so the reconciliation it wakes finds it
           * done.
           */
          @Override
          protected void done() {
            wakeUps.scheduleOnce(id, 0);
          }
        };
    // In the map before it can finish, so the reconciliation it wakes finds it.
    jobs.put(id, new Job(basis, task, now));
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      jobs.remove(id);
      LOG.warn(
          "{}/{}: {} checks are waiting for a thread; this one starts later",
          namespace,
          name,
          QUEUE);
      wakeUps.scheduleOnce(id, limits.queryDeadline().toMillis());
      return Progress.pending(limits.queryDeadline());
    }
    return Progress.pending(checkTime());
  }

  /** The longest a check takes: two query deadlines (see {@link #read}), and a second to spare. */
  private Duration checkTime() {
    return limits.queryDeadline().multipliedBy(2).plusSeconds(1);
  }

  private Check measure(
      Analysis analysis, Queries.Target canary, Queries.Target stable, Basis basis) {
    Instant at = clock.instant();
    try {
      Analysis.MetricsSource source = analysis.source() != null ? analysis.source() : defaultSource;
      CheckPlan plan =
          CheckPlan.of(analysis, source, canary, stable, templates(analysis), tenantLabel);
      Double requests = null;
      String requestsError = null;
      try {
        requests = value(ask(plan.endpoint(), plan.requests()));
      } catch (PrometheusClient.QueryException e) {
        requestsError = e.getMessage();
      }
      return Verdicts.judge(
          analysis, read(plan, at), requests, requestsError, at, basis.revision(), basis.weight());
    } catch (RuntimeException e) {
      LOG.warn("{}/{}: the check failed", canary.namespace(), canary.name(), e);
      return Verdicts.judge(
          analysis,
          List.of(),
          null,
          "the check failed: " + e.getMessage(),
          at,
          basis.revision(),
          basis.weight());
    }
  }

  private List<Reading> read(CheckPlan plan, Instant at) {
    // Every query has its own deadline; the check as a whole gets two, then the rest is not asked.
    Duration allowed = limits.queryDeadline().multipliedBy(2);
    List<Reading> readings = new ArrayList<>();
    for (CheckPlan.MetricQueries metric : plan.metrics()) {
      if (metric.error() != null) {
        readings.add(new Reading(metric.metric(), null, null, null, metric.error()));
      } else if (clock.instant().isAfter(at.plus(allowed))) {
        readings.add(
            new Reading(
                metric.metric(),
                metric.canary(),
                null,
                null,
                "not asked: the check took longer than " + allowed.toSeconds() + "s"));
      } else {
        try {
          Double value = value(ask(metric.endpoint(), metric.canary()));
          Double stable =
              metric.stable() == null ? null : value(ask(metric.endpoint(), metric.stable()));
          readings.add(new Reading(metric.metric(), metric.canary(), value, stable, null));
        } catch (PrometheusClient.QueryException e) {
          readings.add(new Reading(metric.metric(), metric.canary(), null, null, e.getMessage()));
        }
      }
    }
    return readings;
  }

  private OptionalDouble ask(String endpoint, String query) {
    String url =
        endpoints
            .url(endpoint)
            .orElseThrow(
                () ->
                    new PrometheusClient.QueryException(
                        "no Prometheus named "
                            + endpoint
                            + " is configured (the platform's: "
                            + endpoints.names()
                            + ")"));
    return prometheus.query(url, query);
  }

  /** The templates the analysis names, as they are now; missing ones are left out. */
  private Map<String, ClusterMetricTemplateSpec> templates(Analysis analysis) {
    Map<String, ClusterMetricTemplateSpec> found = new HashMap<>();
    for (AnalysisMetric metric : analysis.metrics()) {
      if (metric.templateRef() != null) {
        ClusterMetricTemplate template =
            client
                .resources(ClusterMetricTemplate.class)
                .withName(metric.templateRef().name())
                .get();
        if (template != null && template.getSpec() != null) {
          found.put(metric.templateRef().name(), template.getSpec());
        }
      }
    }
    return found;
  }

  /**
   * The check of a finished job; {@code measure} returns a check for every failure it can recover
   * from.
   */
  private static Check result(Future<Check> done) {
    try {
      return done.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a canary check failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void cancel(ResourceID id) {
    Job job = jobs.remove(id);
    if (job != null) {
      job.future().cancel(true);
    }
  }

  private void dropUncollected(Instant now) {
    jobs.entrySet()
        .removeIf(
            e ->
                e.getValue().future().isDone()
                    && e.getValue().startedAt().plus(UNCOLLECTED).isBefore(now));
  }

  private static Double value(OptionalDouble value) {
    return value.isPresent() ? value.getAsDouble() : null;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
