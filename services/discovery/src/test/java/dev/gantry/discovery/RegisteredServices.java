package dev.gantry.discovery;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Services started in the test's JVM against a test's etcd, with short lease and resync times so
 * tests see registration changes quickly; closed together after each test.
 */
final class RegisteredServices {
  private final String namespace;
  private final List<EmbeddedServer> servers = new ArrayList<>();

  RegisteredServices(String namespace) {
    this.namespace = namespace;
  }

  /** Starts {@code service} with these settings added to (or replacing) the common ones. */
  EmbeddedServer start(String service, String mode, String endpoints, Map<String, Object> more) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("micronaut.server.port", -1);
    properties.put("gantry.service.name", service);
    properties.put("gantry.namespace", namespace);
    properties.put("gantry.revision", "rev-" + service);
    properties.put("gantry.version", "1.2.3");
    properties.put("gantry.discovery.mode", mode);
    properties.put("gantry.etcd.endpoints", endpoints);
    properties.put("gantry.pod.ip", "127.0.0.1");
    properties.put("gantry.discovery.lease-ttl", "4s");
    properties.put("gantry.discovery.resync-interval", "1s");
    properties.putAll(more);
    EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
    servers.add(server);
    return server;
  }

  void closeAll() {
    servers.forEach(EmbeddedServer::close);
    servers.clear();
  }
}
