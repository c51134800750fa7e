package dev.borealis.benchmarks;

import dev.borealis.cluster.server.ClusterEndpoints;
import dev.borealis.cluster.server.ClusterServer;
import dev.borealis.cluster.server.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts a {@link Relay} between this JVM's clients and every instance address of one served cluster, and keeps this
 * JVM's hosts file naming the relays in place of the instances: the cluster's names and their DNS delay stay the
 * cluster's (the server's own view is mirrored every few milliseconds), only the path is the benchmark's. Why: the
 * failover benchmark needs a writer that stays silent for the clients connected to it, also after the cluster has
 * promoted another instance, as a partitioned Aurora writer does; the embedded cluster closes a demoted writer's
 * sockets (a FIN even under its own blackhole), a relay does not pass that on. This JVM's hosts file is owned by
 * the relayed cluster while it runs (one at a time). Threads: {@code bench-dns-mirror-CLUSTER} and the relays'.
 */
final class RelayedNetwork implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(RelayedNetwork.class.getName());
  private static final long MIRROR_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  /** Relay addresses are 127.33.N.x: clusters take blocks from 127.64.0.0 upwards, so these never collide. */
  private static final AtomicInteger BLOCKS = new AtomicInteger();

  private final ClusterServer server;
  private final Path hostsFile;
  private final int block;
  private final Map<String, Relay> relays = new LinkedHashMap<>();
  private final Thread mirror;
  private volatile boolean closed;
  private List<String> published = List.of();
  private long lastModified;

  private RelayedNetwork(ClusterServer server, Path hostsFile) {
    this.server = server;
    this.hostsFile = hostsFile;
    this.block = 1 + BLOCKS.getAndIncrement() % 254;
    this.mirror = new Thread(this::mirrorLoop, "bench-dns-mirror-" + server.cluster().name());
    mirror.setDaemon(true);
  }

  /** Relays every instance of {@code server} and publishes the names; returns once they resolve to the relays. */
  static RelayedNetwork start(ClusterServer server, Path hostsFile) {
    RelayedNetwork network = new RelayedNetwork(server, hostsFile);
    network.sync();
    network.mirror.start();
    return network;
  }

  /** Makes the path to {@code instanceId} silent, both ways, for every client connected now and later. */
  void silence(String instanceId) {
    relayFor(server.instanceEndpoint(instanceId)).silence();
  }

  /** When clients closed links to silent {@code instanceId} themselves (see {@link Relay#abandoned()}). */
  List<Long> abandoned(String instanceId) {
    return relayFor(server.instanceEndpoint(instanceId)).abandoned();
  }

  /** Ends every silence. */
  void healAll() {
    synchronized (relays) {
      relays.values().forEach(Relay::heal);
    }
  }

  private void mirrorLoop() {
    while (!closed) {
      try {
        sync();
      } catch (RuntimeException e) {
        if (!closed) {
          LOG.log(Level.WARNING, "cannot mirror the names of " + server.cluster().name(), e);
        }
      }
      LockSupport.parkNanos(MIRROR_PERIOD_NANOS);
    }
  }

  /** Publishes the server's current names, each pointing at the relay of the address the server gives it. */
  private void sync() {
    ClusterEndpoints now = server.endpoints();
    List<String> lines = new ArrayList<>();
    lines.add("127.0.0.1 localhost");
    lines.add(relayIp(now.cluster()) + " " + now.cluster().host());
    lines.add(relayIp(now.reader()) + " " + now.reader().host());
    for (Endpoint instance : now.instances().values()) {
      lines.add(relayIp(instance) + " " + instance.host());
    }
    if (!lines.equals(published)) {
      write(lines);
      published = lines;
    }
  }

  private String relayIp(Endpoint endpoint) {
    relayFor(endpoint);
    return relayIpOf(endpoint.ip());
  }

  private Relay relayFor(Endpoint endpoint) {
    synchronized (relays) {
      if (closed) {
        throw new IllegalStateException("relays of " + server.cluster().name() + " are closed");
      }
      Relay relay = relays.get(endpoint.ip());
      if (relay == null) {
        try {
          relay = new Relay(relayIpOf(endpoint.ip()), new InetSocketAddress(endpoint.ip(), endpoint.port()));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot relay " + endpoint + " on " + relayIpOf(endpoint.ip()), e);
        }
        relays.put(endpoint.ip(), relay);
      }
      return relay;
    }
  }

  private String relayIpOf(String ip) {
    return "127.33." + block + "." + ip.substring(ip.lastIndexOf('.') + 1);
  }

  /**
   * Replaces the file in one move, so a lookup never reads half of it, and makes sure its modification time changes:
   * the JDK re-reads a hosts file only when that time (in milliseconds) differs from the last one it read.
   */
  private void write(List<String> lines) {
    try {
      Path tmp = hostsFile.resolveSibling(hostsFile.getFileName() + ".tmp");
      Files.write(tmp, lines);
      long modified = Math.max(System.currentTimeMillis(), lastModified + 1);
      Files.setLastModifiedTime(tmp, FileTime.fromMillis(modified));
      Files.move(tmp, hostsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      lastModified = modified;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + hostsFile, e);
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      mirror.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (relays) {
      relays.values().forEach(Relay::close);
      relays.clear();
    }
  }
}
