package dev.borealis.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A TCP relay standing in for the network path to one instance address: it accepts on an address of its own and
 * copies bytes both ways to the instance. States: passing → silent → (closed). Passing, it is transparent, a close
 * from either side included. Silent, it is a partitioned host: nothing moves either way, new connections are
 * accepted (the kernel's backlog) but never reach the instance, and a close from the instance is not passed on, so
 * clients see no data, no FIN and no RST until they give up themselves. Silent, it drops what either side sends
 * (a link that lived through a silence never passes bytes again: heal() closes it), and notes when a client closed
 * a link itself: the moment that client's driver gave up on the silent host. Threads: one acceptor, two per link.
 */
final class Relay implements AutoCloseable {

  private static final int CONNECT_TIMEOUT_MS = 2_000;

  private final String name;
  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final Thread acceptor;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  /** {@link System#nanoTime()} of every link a client closed while silent, in order. */
  private final Queue<Long> abandoned = new ConcurrentLinkedQueue<>();
  private volatile boolean silent;
  private volatile boolean closed;

  /** Listens on {@code ip:port} (the port of the target) and relays to {@code target}. */
  Relay(String ip, InetSocketAddress target) throws IOException {
    this.name = "bench-relay-" + ip;
    this.target = target;
    this.listener = new ServerSocket();
    try {
      listener.setReuseAddress(true);
      listener.bind(new InetSocketAddress(InetAddress.getByName(ip), target.getPort()), 128);
    } catch (IOException e) {
      listener.close();
      throw e;
    }
    this.acceptor = new Thread(this::acceptLoop, name + "-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  InetSocketAddress target() {
    return target;
  }

  /** Cuts the path silently, as a network partition does. */
  void silence() {
    abandoned.clear();
    silent = true;
  }

  /**
   * When clients closed (or reset) links they had opened before the silence, while the silence lasted, in order:
   * the times their drivers gave up on the silent host. Links the silence held unanswered from the start (new
   * connections) do not count: a connect timeout is not the detection of a host that went silent under a client.
   */
  List<Long> abandoned() {
    return List.copyOf(abandoned);
  }

  /**
   * Ends a silence the way a healed partition is felt by a client that waited through it: the connections held
   * silent are dropped, new ones pass again.
   */
  void heal() {
    if (!silent) {
      return;
    }
    silent = false;
    List.copyOf(sockets).forEach(Relay::closeQuietly);
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      sockets.add(client);
      if (silent) {
        continue; // held: accepted by the kernel, never answered
      }
      try {
        link(client);
      } catch (IOException e) {
        // the instance refuses: the client sees the refusal as a reset, as it would without the relay
        reset(client);
      }
    }
  }

  private void link(Socket client) throws IOException {
    Socket upstream = new Socket();
    sockets.add(upstream);
    try {
      upstream.connect(target, CONNECT_TIMEOUT_MS);
      upstream.setTcpNoDelay(true);
      client.setTcpNoDelay(true);
    } catch (IOException e) {
      sockets.remove(upstream);
      closeQuietly(upstream);
      throw e;
    }
    pump(client, upstream, "up", true);
    pump(upstream, client, "down", false);
  }

  private void pump(Socket from, Socket to, String direction, boolean fromClient) {
    Thread t = new Thread(() -> copy(from, to, fromClient), name + "-" + direction + "-" + from.getLocalPort());
    t.setDaemon(true);
    t.start();
  }

  /**
   * Copies until either side ends; from the silence on, drops what it reads (still reading, so that a client's close
   * is seen) and never passes an end on.
   */
  private void copy(Socket from, Socket to, boolean fromClient) {
    byte[] buffer = new byte[16 * 1024];
    boolean muted = false;
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        muted |= silent;
        if (!muted) {
          out.write(buffer, 0, n);
          out.flush();
        }
      }
    } catch (IOException e) {
      // one side closed or reset: end the link below
    }
    if (silent && !closed) {
      if (fromClient) {
        abandoned.add(System.nanoTime());
      }
      // A partition swallows the close: keep the other side open and mute until heal() or close().
      sockets.remove(from);
      closeQuietly(from);
      return;
    }
    closeQuietly(from);
    closeQuietly(to);
    sockets.remove(from);
    sockets.remove(to);
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(listener);
    List.copyOf(sockets).forEach(Relay::closeQuietly);
    sockets.clear();
  }

  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      // already closed
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // best effort
    }
  }
}
