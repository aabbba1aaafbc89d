package dev.gantry.discovery.etcd;

import dev.gantry.discovery.DiscoverySettings;
import dev.gantry.discovery.InstanceKeys;
import dev.gantry.discovery.RegisteredInstance;
import dev.gantry.discovery.RegistryState;
import dev.gantry.discovery.RegistryView;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a local copy of every instance registered in this namespace: a full read on start and every
 * resync interval (which also heals after an outage), and a prefix watch in between so changes
 * arrive within milliseconds. While etcd is unreachable the last view stays — fresh for {@code
 * stale-after}, stale after that — and resolution reads only this copy.
 */
@Context
@RegistryEnabled
class RegistryWatcher implements RegistryView {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryWatcher.class);

  private final EtcdConnection etcd;
  private final InstanceCodec codec;
  private final DiscoverySettings settings;
  private final Clock clock;
  private final ByteSequence prefix;
  private final Map<String, RegisteredInstance> instances = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "gantry-registry-watch");
            thread.setDaemon(true);
            return thread;
          });
  private volatile Instant lastContact;
  private Instant keepUnlistedUntil = Instant.MIN;
  private volatile boolean reachable;
  private Watch.Watcher watcher;
  private Client watchedThrough;

  RegistryWatcher(EtcdConnection etcd, InstanceCodec codec, DiscoverySettings settings) {
    this.etcd = etcd;
    this.codec = codec;
    this.settings = settings;
    this.clock = Clock.systemUTC();
    this.prefix = InstanceCodec.bytes(InstanceKeys.namespacePrefix(settings.namespace()));
    scheduler.scheduleWithFixedDelay(
        this::resync, 0, settings.resyncInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public List<RegisteredInstance> instances() {
    return List.copyOf(instances.values());
  }

  @Override
  public RegistryState state() {
    Instant contact = lastContact;
    if (contact == null) {
      return RegistryState.UNSYNCED;
    }
    return reachable || contact.plus(settings.staleAfter()).isAfter(clock.instant())
        ? RegistryState.FRESH
        : RegistryState.STALE;
  }

  @Override
  public boolean reachable() {
    return reachable;
  }

  /**
   * Reads everything under the namespace prefix and replaces the view; (re)starts the watch after
   * it.
   */
  void resync() {
    Client client = etcd.client();
    try {
      GetResponse response =
          EtcdTimeouts.await(
              client.getKVClient().get(prefix, GetOption.builder().isPrefix(true).build()));
      Map<String, RegisteredInstance> fresh = new HashMap<>();
      for (KeyValue kv : response.getKvs()) {
        codec.decode(kv).ifPresent(r -> fresh.put(kv.getKey().toString(StandardCharsets.UTF_8), r));
      }
      if (!reachable && lastContact != null) {
        // etcd is back after an outage: instances are registering again for a lease TTL
        keepUnlistedUntil = clock.instant().plus(settings.leaseTtl());
      }
      Map<String, RegisteredInstance> next =
          afterResync(instances, fresh, clock.instant().isBefore(keepUnlistedUntil));
      instances.keySet().retainAll(next.keySet());
      instances.putAll(next);
      markContact();
      synchronized (this) {
        if (watcher == null || watchedThrough != client) {
          stopWatch();
          startWatch(client, response.getHeader().getRevision() + 1);
        }
      }
    } catch (EtcdTimeouts.EtcdUnavailableException e) {
      if (reachable) {
        LOG.warn("etcd unreachable ({}); resolving from the last registry view", e.getMessage());
      }
      reachable = false;
      etcd.unreachable(client);
    } catch (RuntimeException e) {
      LOG.warn("registry resync failed", e);
    }
  }

  /**
   * The view after a full read: what etcd lists; and while etcd has only just returned (from an
   * outage, or restored empty), also the last instances of services it does not list yet, which are
   * registering again — so calls keep their destination instead of falling to a DNS name.
   */
  static Map<String, RegisteredInstance> afterResync(
      Map<String, RegisteredInstance> previous,
      Map<String, RegisteredInstance> fresh,
      boolean keepUnlistedServices) {
    Map<String, RegisteredInstance> next = new HashMap<>(fresh);
    if (keepUnlistedServices) {
      Set<String> listed = new HashSet<>();
      fresh.values().forEach(r -> listed.add(r.instance().service()));
      previous.forEach(
          (key, r) -> {
            if (!listed.contains(r.instance().service())) {
              next.put(key, r);
            }
          });
    }
    return next;
  }

  private void markContact() {
    if (!reachable && lastContact != null) {
      LOG.info("etcd reachable again; registry view refreshed ({} instances)", instances.size());
    }
    lastContact = clock.instant();
    reachable = true;
  }

  private void startWatch(Client client, long fromRevision) {
    WatchOption option = WatchOption.builder().isPrefix(true).withRevision(fromRevision).build();
    watchedThrough = client;
    watcher =
        client
            .getWatchClient()
            .watch(prefix, option, Watch.listener(this::onWatch, this::onWatchError));
  }

  private void onWatch(WatchResponse response) {
    for (WatchEvent event : response.getEvents()) {
      String key = event.getKeyValue().getKey().toString(StandardCharsets.UTF_8);
      switch (event.getEventType()) {
        case PUT -> codec.decode(event.getKeyValue()).ifPresent(r -> instances.put(key, r));
        case DELETE -> instances.remove(key);
        default -> {}
      }
    }
    markContact();
  }

  private void onWatchError(Throwable error) {
    LOG.debug("registry watch ended: {}", error.toString());
    synchronized (this) {
      stopWatch();
    }
    // the next resync reads everything again and restarts the watch
  }

  private void stopWatch() {
    if (watcher != null) {
      watcher.close();
      watcher = null;
    }
  }

  @PreDestroy
  void close() {
    scheduler.shutdownNow();
    synchronized (this) {
      stopWatch();
    }
  }
}
