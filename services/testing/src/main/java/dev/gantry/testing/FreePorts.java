package dev.gantry.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports for servers a test or the local run starts, so parallel runs and a developer's own
 * servers never collide.
 *
 * <p>Ports come from below the kernel's ephemeral range: a port handed out there can be taken,
 * before its server binds it, by any outgoing connection's source port — a service that starts a
 * few seconds after its port was chosen, while the processes before it connect to PostgreSQL, etcd
 * and Kafka, found its port in use that way. Below the range only another listener can take it.
 * Each port is handed out once per JVM.
 */
public final class FreePorts {
  private static final int LOWEST = 10_000;
  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final Set<Integer> handedOut = new HashSet<>();

  private FreePorts() {}

  public static int next() {
    return run(1);
  }

  /** The first of {@code count} consecutive free ports. */
  public static synchronized int run(int count) {
    int highest = ephemeralStart() - count;
    if (highest - LOWEST > 1_000) {
      for (int attempt = 0; attempt < 1_000; attempt++) {
        int first = ThreadLocalRandom.current().nextInt(LOWEST, highest);
        if (allFree(first, count)) {
          return handOut(first, count);
        }
      }
    }
    for (int attempt = 0; attempt < 100; attempt++) {
      int first = anyFree();
      if (first + count <= 65_536 && allFree(first, count)) {
        return handOut(first, count);
      }
    }
    throw new IllegalStateException("no " + count + " consecutive free ports on this machine");
  }

  private static int handOut(int first, int count) {
    for (int port = first; port < first + count; port++) {
      handedOut.add(port);
    }
    return first;
  }

  private static boolean allFree(int first, int count) {
    for (int port = first; port < first + count; port++) {
      if (handedOut.contains(port) || !bindable(port)) {
        return false;
      }
    }
    return true;
  }

  /** Bindable on every interface, as the services bind their ports. */
  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int anyFree() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int ephemeralStart() {
    // read as a stream: Files.readString trusts the size /proc reports and reads too little
    try (BufferedReader range = Files.newBufferedReader(EPHEMERAL_RANGE)) {
      return Integer.parseInt(range.readLine().trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }
}
