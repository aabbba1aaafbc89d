package dev.gantry.discovery.etcd;

import dev.gantry.discovery.DiscoverySettings;
import dev.gantry.discovery.Instance;
import dev.gantry.discovery.InstanceKeys;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.stub.StreamObserver;
import io.micronaut.health.CurrentHealthStatus;
import io.micronaut.health.HealthStatus;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerShutdownEvent;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers this instance under a leased key once the HTTP server is up, and keeps it there: jetcd
 * sends keep-alives, and a periodic check re-registers with a fresh lease whenever the key or its
 * lease is gone (etcd restarted empty, lease expired during an outage). An orderly stop revokes the
 * lease, so the key goes at once; a crash lets it expire within the lease TTL.
 */
@Singleton
@RegistryEnabled
class InstanceRegistrar {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceRegistrar.class);

  private final EtcdConnection etcd;
  private final InstanceCodec codec;
  private final DiscoverySettings settings;
  private final CurrentHealthStatus health;
  private final String instanceId;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "gantry-registry-lease");
            thread.setDaemon(true);
            return thread;
          });
  private Instance registration;
  private String key;
  private long leaseId;
  private Client leasedThrough;
  private CloseableClient keepAlive;
  private volatile boolean registered;
  private volatile boolean stopped;

  InstanceRegistrar(
      EtcdConnection etcd,
      InstanceCodec codec,
      DiscoverySettings settings,
      CurrentHealthStatus health) {
    this.etcd = etcd;
    this.codec = codec;
    this.settings = settings;
    this.health = health;
    this.instanceId = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @EventListener
  void onStartup(ServerStartupEvent event) {
    int port = event.getSource().getPort();
    synchronized (this) {
      registration =
          new Instance(
              settings.serviceName(),
              settings.namespace(),
              settings.revision(),
              settings.version(),
              settings.address(),
              port,
              Instance.UP,
              Instant.now());
      key = InstanceKeys.key(settings.namespace(), settings.serviceName(), instanceId);
    }
    long checkEvery = Math.max(500, Math.min(2000, settings.leaseTtl().toMillis() / 3));
    scheduler.scheduleWithFixedDelay(this::check, 0, checkEvery, TimeUnit.MILLISECONDS);
  }

  /** This instance's id, the last segment of its key. */
  String instanceId() {
    return instanceId;
  }

  /** Makes sure the key exists, on our live lease, with the current health. */
  synchronized void check() {
    if (stopped || registration == null) {
      return;
    }
    Client client = etcd.client();
    try {
      String currentHealth = health.current() == HealthStatus.UP ? Instance.UP : Instance.DOWN;
      if (leaseId != 0 && leasedThrough != client) {
        // the client that kept the lease alive was renewed during an outage: a fresh lease
        dropLease();
      }
      if (leaseId == 0) {
        register(client, currentHealth);
        return;
      }
      GetResponse response = EtcdTimeouts.await(client.getKVClient().get(InstanceCodec.bytes(key)));
      KeyValue kv = response.getKvs().isEmpty() ? null : response.getKvs().get(0);
      if (kv == null || kv.getLease() != leaseId) {
        LOG.info("registration {} missing from etcd (lease lost); registering again", key);
        dropLease();
        register(client, currentHealth);
      } else if (!currentHealth.equals(registration.health())) {
        registration = registration.withHealth(currentHealth);
        put(client);
      }
      registered = true;
    } catch (EtcdTimeouts.EtcdUnavailableException e) {
      if (registered) {
        LOG.warn("etcd unreachable ({}); will register again when it returns", e.getMessage());
      }
      registered = false;
      etcd.unreachable(client);
    } catch (RuntimeException e) {
      registered = false;
      LOG.warn("registration check failed", e);
    }
  }

  private void register(Client client, String currentHealth)
      throws EtcdTimeouts.EtcdUnavailableException {
    long ttlSeconds = settings.leaseTtl().toSeconds();
    leaseId = EtcdTimeouts.await(client.getLeaseClient().grant(ttlSeconds)).getID();
    leasedThrough = client;
    registration = registration.withHealth(currentHealth);
    put(client);
    keepAlive =
        client
            .getLeaseClient()
            .keepAlive(
                leaseId,
                new StreamObserver<>() {
                  @Override
                  public void onNext(LeaseKeepAliveResponse value) {
                    // jetcd renews at a third of the TTL
                  }

                  @Override
                  public void onError(Throwable t) {
                    LOG.debug("lease keep-alive failed: {}", t.toString());
                  }

                  @Override
                  public void onCompleted() {
                    // the lease is gone; the next check registers again
                  }
                });
    registered = true;
    LOG.info(
        "registered {} -> {}:{} (revision {}, version {}, lease {}s)",
        key,
        registration.address(),
        registration.port(),
        registration.revision(),
        registration.version(),
        ttlSeconds);
  }

  private void put(Client client) throws EtcdTimeouts.EtcdUnavailableException {
    ByteSequence value = codec.encode(registration);
    EtcdTimeouts.await(
        client
            .getKVClient()
            .put(
                InstanceCodec.bytes(key), value, PutOption.builder().withLeaseId(leaseId).build()));
  }

  private void dropLease() {
    if (keepAlive != null) {
      keepAlive.close();
      keepAlive = null;
    }
    leaseId = 0;
    leasedThrough = null;
  }

  @EventListener
  void onShutdown(ServerShutdownEvent event) {
    deregister();
  }

  /** Revokes the lease: the key disappears now rather than after the TTL. */
  @PreDestroy
  synchronized void deregister() {
    if (stopped) {
      return;
    }
    stopped = true;
    scheduler.shutdownNow();
    long lease = leaseId;
    dropLease();
    registered = false;
    if (lease != 0) {
      try {
        EtcdTimeouts.await(etcd.client().getLeaseClient().revoke(lease));
        LOG.info("deregistered {}", key);
      } catch (EtcdTimeouts.EtcdUnavailableException e) {
        LOG.warn(
            "could not revoke lease of {} ({}); it expires within {}",
            key,
            e.getMessage(),
            settings.leaseTtl());
      }
    }
  }

  private static String hostName() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "instance";
    }
  }
}
