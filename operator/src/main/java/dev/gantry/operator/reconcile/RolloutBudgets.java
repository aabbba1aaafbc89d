package dev.gantry.operator.reconcile;

import dev.gantry.operator.api.Microservice;
import dev.gantry.operator.api.MicroserviceStatus;
import dev.gantry.operator.api.ReleaseGroup;
import dev.gantry.operator.api.ReleaseGroupStatus;
import dev.gantry.operator.api.RolloutState;
import dev.gantry.operator.rollout.GroupPlan;
import dev.gantry.operator.rollout.GroupRollout;
import dev.gantry.operator.rollout.RolloutPlan;
import dev.gantry.operator.rollout.RolloutQueue;
import dev.gantry.operator.rollout.RolloutQueue.Claim;
import dev.gantry.operator.rollout.RolloutQueue.Key;
import dev.gantry.operator.rollout.Slot;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.timer.TimerEventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The budgets of concurrent rollouts, kept once for the whole operator: which Microservices hold a
 * slot and which wait, in memory for speed, rebuilt from their statuses (the queue's memory) when
 * the operator starts or becomes leader. Each Microservice's rollout is decided under one lock
 * together with its claim, so two reconciliations never take the last slot twice; the pure {@link
 * RolloutQueue} says who may start.
 *
 * <p>A slot is freed once the status that ends the rollout is written, after the dependents scaled
 * the old revision down; the next in line is woken at once. The others in line learn their new
 * place within {@link #POSITION_REFRESH}, so a queue of hundreds does not turn every promotion into
 * hundreds of status writes.
 */
public final class RolloutBudgets {

  /** On a Namespace, a platform engineer's limit of concurrent rollouts in it. */
  public static final String ANNOTATION = "gantry.dev/max-concurrent-rollouts";

  static final String WAKE_UPS = "rollout-budget";
  static final String NAMESPACES = "namespace-budgets";
  private static final Duration POSITION_REFRESH = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(RolloutBudgets.class);

  /** A group's claim is keyed by this prefix and its name: Microservice names have no slash. */
  private static final String GROUP = "group/";

  private final Optional<Integer> operatorWide;
  private final WakeUps wakeUps = new WakeUps();
  private final GroupWakeUps groupWakeUps = new GroupWakeUps();
  private final Map<Key, Claim> claims = new HashMap<>();

  /** The slot each waiting claim's status shows. */
  private final Map<Key, Slot> told = new HashMap<>();

  /** Waiting claims woken or due for a refresh, not yet reconciled since. */
  private final Set<Key> called = new HashSet<>();

  private final Set<String> malformed = new HashSet<>();
  private volatile InformerEventSource<Namespace, Microservice> namespaces;
  private boolean seeded;

  public RolloutBudgets(Optional<Integer> operatorWide) {
    this.operatorWide = operatorWide;
  }

  /** A wake-up timer that also hears when a Microservice is deleted: its claim leaves the queue. */
  private final class WakeUps extends TimerEventSource<Microservice> {
    WakeUps() {
      super(WAKE_UPS, false);
    }

    @Override
    public void onResourceDeleted(Microservice ms) {
      forget(key(ms));
      super.onResourceDeleted(ms);
    }
  }

  /** The same for release groups: a deleted group frees its slot. */
  private final class GroupWakeUps extends TimerEventSource<ReleaseGroup> {
    GroupWakeUps() {
      super(WAKE_UPS, false);
    }

    @Override
    public void onResourceDeleted(ReleaseGroup group) {
      forget(key(group));
      super.onResourceDeleted(group);
    }
  }

  /** Wakes release groups whose turn came. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  EventSource<?, ReleaseGroup> groupEventSource() {
    return (EventSource) groupWakeUps;
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  List<EventSource<?, Microservice>> eventSources(EventSourceContext<Microservice> context) {
    var configuration =
        InformerEventSourceConfiguration.from(Namespace.class, Microservice.class)
            .withName(NAMESPACES)
            .withWatchAllNamespaces()
            .withOnUpdateFilter(
                (updated, old) -> !Objects.equals(annotation(updated), annotation(old)))
            .withOnAddFilter(ns -> annotation(ns) != null)
            .withSecondaryToPrimaryMapper(ns -> waiting(ns.getMetadata().getName()))
            .build();
    namespaces = new InformerEventSource<>(configuration, context);
    return List.of((EventSource) wakeUps, namespaces);
  }

  /**
   * Decides {@code ms}'s rollout with the slot the budgets give it, and keeps its claim: held while
   * its rollout is in progress, queued while it waits.
   */
  RolloutPlan decide(
      Microservice ms,
      Context<Microservice> context,
      boolean inGroup,
      Instant now,
      Function<Slot, RolloutPlan> planner) {
    Key key = key(ms);
    synchronized (this) {
      seed(context.getPrimaryCache().list(), ReleaseGroups.all(context), now);
      called.remove(key);
      if (inGroup) {
        // Its group claims one slot for all its members.
        if (claims.remove(key) != null) {
          told.remove(key);
          callOthers(key, limits());
        }
        return planner.apply(Slot.OPEN);
      }
      return claim(
          key,
          now,
          planner,
          plan -> plan.status().canaryRevision() != null,
          plan -> plan.status().rolloutState().queuedSince());
    }
  }

  /**
   * Decides {@code group}'s release with the slot the budgets give it (one for all its members),
   * and keeps its claim.
   */
  GroupPlan decideGroup(
      ReleaseGroup group,
      Stream<Microservice> microservices,
      Stream<ReleaseGroup> groups,
      Instant now,
      Function<Slot, GroupPlan> planner) {
    Key key = key(group);
    synchronized (this) {
      seed(microservices, groups, now);
      called.remove(key);
      return claim(key, now, planner, GroupPlan::holdsSlot, plan -> plan.status().queuedSince());
    }
  }

  /**
   * Plans with the slot {@code key} would get if it claimed one now, and keeps what the plan makes
   * of the claim: held while the rollout is in progress, queued (since when) while it waits, gone
   * when it neither waits nor ever held one. A rollout that ended keeps its slot until its status
   * is written (see {@code written}). Called under the lock.
   */
  private <P> P claim(
      Key key,
      Instant now,
      Function<Slot, P> planner,
      Predicate<P> holds,
      Function<P, String> queuedSince) {
    RolloutQueue.Limits limits = limits();
    Claim existing = claims.get(key);
    Map<Key, Claim> asking = new HashMap<>(claims);
    asking.putIfAbsent(key, new Claim(key, now, false));
    Slot slot = RolloutQueue.assign(asking.values(), limits).get(key);
    P plan = planner.apply(slot);
    String since = queuedSince.apply(plan);
    if (holds.test(plan)) {
      claims.put(key, new Claim(key, existing != null ? existing.since() : now, true));
      told.remove(key);
    } else if (since != null) {
      claims.put(key, new Claim(key, Instant.parse(since), false));
      told.put(key, slot);
    } else if (existing != null && !existing.holding()) {
      claims.remove(key);
      told.remove(key);
    }
    callOthers(key, limits);
    return plan;
  }

  /** {@code group}'s status is stored: a release that ended frees its slot. */
  void written(ReleaseGroup group, GroupPlan plan) {
    if (!plan.holdsSlot() && plan.status().queuedSince() == null) {
      release(key(group));
    }
  }

  /**
   * {@code ms}'s status, as {@code plan} decided it, is stored: a rollout that ended frees its
   * slot.
   */
  void written(Microservice ms, RolloutPlan plan) {
    MicroserviceStatus status = plan.status();
    if (status.canaryRevision() != null || status.rolloutState().queuedSince() != null) {
      return;
    }
    release(key(ms));
  }

  private void release(Key key) {
    synchronized (this) {
      Claim existing = claims.get(key);
      if (existing != null && existing.holding()) {
        claims.remove(key);
        callOthers(key, limits());
      }
    }
  }

  /**
   * {@code ms} cannot start a rollout now: if it waits in line it leaves, so it holds up nobody. A
   * rollout in progress keeps its slot: its revisions still run.
   */
  void leave(Microservice ms) {
    Key key = key(ms);
    synchronized (this) {
      Claim claim = claims.get(key);
      if (claim != null && !claim.holding()) {
        forget(key);
      }
    }
  }

  private void forget(Key key) {
    synchronized (this) {
      if (claims.remove(key) != null) {
        told.remove(key);
        called.remove(key);
        callOthers(key, limits());
      }
    }
  }

  /**
   * Wakes each waiting claim that may start now, and refreshes, within {@link #POSITION_REFRESH},
   * those whose place in line changed.
   */
  private void callOthers(Key except, RolloutQueue.Limits limits) {
    RolloutQueue.assign(claims.values(), limits)
        .forEach(
            (key, slot) -> {
              Claim claim = claims.get(key);
              if (key.equals(except) || claim.holding() || called.contains(key)) {
                return;
              }
              if (slot.open()) {
                called.add(key);
                wake(key, 0);
              } else if (!slot.equals(told.get(key))) {
                called.add(key);
                wake(key, POSITION_REFRESH.toMillis());
              }
            });
  }

  private void wake(Key key, long delayMillis) {
    if (key.name().startsWith(GROUP)) {
      if (groupWakeUps.isRunning()) {
        groupWakeUps.scheduleOnce(
            new ResourceID(key.name().substring(GROUP.length()), key.namespace()), delayMillis);
      }
    } else if (wakeUps.isRunning()) {
      wakeUps.scheduleOnce(new ResourceID(key.name(), key.namespace()), delayMillis);
    }
  }

  /**
   * The claims the statuses remember, read once: after a restart or a change of leader. Members of
   * a release group claim nothing of their own; their group does.
   */
  private void seed(Stream<Microservice> microservices, Stream<ReleaseGroup> groups, Instant now) {
    if (seeded) {
      return;
    }
    seeded = true;
    groups.forEach(
        group -> {
          ReleaseGroupStatus status = group.getStatus();
          if (status == null || status.stage() == null) {
            return;
          }
          Key key = key(group);
          if (Set.of(GroupRollout.STEPPING, GroupRollout.PROMOTING, GroupRollout.UNDOING)
              .contains(status.stage())) {
            claims.put(key, new Claim(key, now, true));
          } else if (status.queuedSince() != null) {
            claims.put(key, new Claim(key, Instant.parse(status.queuedSince()), false));
          }
        });
    microservices.forEach(
        ms -> {
          MicroserviceStatus status = ms.getStatus();
          if (status == null || status.releaseGroup() != null) {
            return;
          }
          RolloutState state = status.rolloutState();
          Key key = key(ms);
          if (status.canaryRevision() != null) {
            claims.put(
                key,
                new Claim(
                    key,
                    state.stepStartedAt() == null ? now : Instant.parse(state.stepStartedAt()),
                    true));
          } else if (state.queuedSince() != null) {
            claims.put(key, new Claim(key, Instant.parse(state.queuedSince()), false));
          }
        });
    LOG.info(
        "rollout budgets: {} rollouts in progress, {} queued",
        claims.values().stream().filter(Claim::holding).count(),
        claims.values().stream().filter(c -> !c.holding()).count());
  }

  private RolloutQueue.Limits limits() {
    Map<String, Integer> perNamespace = new HashMap<>();
    var source = namespaces;
    if (source != null) {
      for (String namespace :
          claims.keySet().stream().map(Key::namespace).collect(Collectors.toSet())) {
        source
            .get(new ResourceID(namespace, null))
            .flatMap(this::namespaceLimit)
            .ifPresent(limit -> perNamespace.put(namespace, limit));
      }
    }
    return new RolloutQueue.Limits(operatorWide, perNamespace);
  }

  /** The namespace's limit; a value that is not a whole number ≥ 0 is ignored and logged once. */
  private Optional<Integer> namespaceLimit(Namespace ns) {
    String value = annotation(ns);
    if (value == null) {
      return Optional.empty();
    }
    try {
      int limit = Integer.parseInt(value.trim());
      if (limit >= 0) {
        return Optional.of(limit);
      }
    } catch (NumberFormatException e) {
      // told below
    }
    if (malformed.add(ns.getMetadata().getName() + "=" + value)) {
      LOG.warn(
          "namespace {}: {}={} is not a whole number >= 0; the namespace has no budget of its own",
          ns.getMetadata().getName(),
          ANNOTATION,
          value);
    }
    return Optional.empty();
  }

  /**
   * The Microservices of {@code namespace} that wait for a slot (a changed budget may free one).
   */
  private Set<ResourceID> waiting(String namespace) {
    List<Key> keys;
    synchronized (this) {
      keys = new ArrayList<>(claims.keySet());
    }
    keys.stream()
        .filter(k -> k.namespace().equals(namespace) && k.name().startsWith(GROUP))
        .forEach(k -> wake(k, 0));
    return keys.stream()
        .filter(k -> k.namespace().equals(namespace))
        .filter(k -> !k.name().startsWith(GROUP))
        .map(k -> new ResourceID(k.name(), k.namespace()))
        .collect(Collectors.toSet());
  }

  private static String annotation(Namespace ns) {
    var annotations = ns.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(ANNOTATION);
  }

  private static Key key(Microservice ms) {
    return new Key(ms.getMetadata().getNamespace(), ms.getMetadata().getName());
  }

  private static Key key(ReleaseGroup group) {
    return new Key(group.getMetadata().getNamespace(), GROUP + group.getMetadata().getName());
  }
}
