package dev.borealis.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * N named threads that each insert one row per attempt (autocommit) through a pool, as fast as they can. A failed
 * attempt is counted and retried after a short back-off, as an application would. Each thread records, in fields
 * only it writes, when it last failed and when it next succeeded, so the coordinator can read recovery times
 * without stopping it. Times are {@link System#nanoTime()}.
 */
final class WriteLoad implements AutoCloseable {

  /** Pause after a failed write before the next attempt: an application's back-off, not a wait for a condition. */
  static final Duration BACK_OFF = Duration.ofMillis(50);
  static final String TABLE = "fo_writes";

  private final DataSource pool;
  private final String insert;
  private final List<Writer> writers = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong();
  private volatile boolean stopping;
  /** When the fault was injected: failures from then on count. {@code Long.MAX_VALUE} before the fault. */
  private volatile long faultAt = Long.MAX_VALUE;
  /** Attempts that start at or after this (the fault has taken effect) count towards recovery. */
  private volatile long countFrom = Long.MAX_VALUE;

  WriteLoad(DataSource pool, int threads, String namePrefix) {
    this.pool = pool;
    this.insert = "INSERT INTO " + TABLE + " (id, writer) VALUES (?, ?)";
    for (int i = 0; i < threads; i++) {
      writers.add(new Writer(i, namePrefix + "-writer-" + i));
    }
  }

  static String createTable() {
    return "CREATE TABLE " + TABLE + " (id BIGINT PRIMARY KEY, writer INT NOT NULL)";
  }

  void start() {
    writers.forEach(w -> w.thread.start());
  }

  /** Marks the fault, just before it is injected: failures from now on count. */
  void faultInjected(long nanos) {
    faultAt = nanos;
  }

  /**
   * Marks when the injection returned: a thread has recovered once a write it started at or after this succeeded
   * (one that slipped in while a crash was still closing sockets would otherwise be a "recovery" at 0 ms).
   */
  void faultEffective(long nanos) {
    countFrom = nanos;
  }

  /** Fewest successful writes of any thread so far. */
  long minSuccesses() {
    return writers.stream().mapToLong(w -> w.successes).min().orElse(0);
  }

  /** Failed attempts before the fault (a healthy cluster should have none). */
  long failuresBeforeFault() {
    return writers.stream().mapToLong(w -> w.failuresBefore).sum();
  }

  /** The first error before the fault, if any. */
  String errorBeforeFault() {
    return writers.stream().map(w -> w.errorBefore).filter(e -> e != null).findFirst().orElse(null);
  }

  long failuresAfterFault() {
    return writers.stream().mapToLong(w -> w.failuresAfter).sum();
  }

  /** Earliest completion of a write that started after the fault; 0 while none has. */
  long firstSuccessAfterFault() {
    return writers.stream().mapToLong(w -> w.firstSuccessAfterFault).filter(t -> t != 0).min().orElse(0);
  }

  /** Earliest failure of a write after the fault (before the load was stopped); 0 while none has failed. */
  long firstFailureAfterFault() {
    return writers.stream().mapToLong(w -> w.firstFailureAt).filter(t -> t != 0).min().orElse(0);
  }

  /** When the last thread succeeded after its last failure; 0 while some thread has not. */
  long allRecoveredAt() {
    long latest = 0;
    for (Writer w : writers) {
      if (w.recoveredAt == 0) {
        return 0;
      }
      latest = Math.max(latest, w.recoveredAt);
    }
    return latest;
  }

  /** The latest failure of any thread after the fault; 0 if none. */
  long lastFailure() {
    return writers.stream().mapToLong(w -> w.failuresAfter > 0 ? w.lastFailure : 0).max().orElse(0);
  }

  /** The earliest error any thread saw after the fault: what the fault looked like to the application. */
  String firstError() {
    return writers.stream().filter(w -> w.firstError != null).min(Comparator.comparingLong(w -> w.firstFailureAt))
        .map(w -> w.firstError).orElse(null);
  }

  /** The latest error of a thread that has not recovered (else of any thread): why it did not. */
  String lastError() {
    return writers.stream().filter(w -> w.recoveredAt == 0 && w.lastError != null).map(w -> w.lastError)
        .findFirst().orElseGet(() -> writers.stream().map(w -> w.lastError).filter(e -> e != null).findFirst()
            .orElse(null));
  }

  /** Names of the threads still running after {@link #close()} gave them {@code timeout} to end. */
  List<String> stuck() {
    return writers.stream().filter(w -> w.thread.isAlive()).map(w -> w.thread.getName()).toList();
  }

  /** Asks every thread to stop after its current attempt and waits up to 10 s for them. */
  @Override
  public void close() {
    stopping = true;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (Writer w : writers) {
      long left = deadline - System.nanoTime();
      try {
        if (left > 0) {
          w.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** One application thread. Its fields are written by it alone and read by the coordinator. */
  private final class Writer implements Runnable {
    private final int index;
    private final Thread thread;
    private volatile long successes;
    private volatile long failuresBefore;
    private volatile long failuresAfter;
    private volatile long lastFailure;
    private volatile long firstSuccessAfterFault;
    /** When this thread's first write after the fault failed; 0 if none has (failures while stopping don't count). */
    private volatile long firstFailureAt;
    /** First success that started after both the fault and this thread's last failure; reset by a failure. */
    private volatile long recoveredAt;
    private volatile String firstError;
    private volatile String lastError;
    private volatile String errorBefore;

    Writer(int index, String name) {
      this.index = index;
      this.thread = new Thread(this, name);
      thread.setDaemon(true);
    }

    @Override
    public void run() {
      while (!stopping) {
        long started = System.nanoTime();
        try {
          writeOnce();
          succeeded(started, System.nanoTime());
        } catch (SQLException | RuntimeException e) {
          failed(started, e);
          LockSupport.parkNanos(BACK_OFF.toNanos());
        }
      }
    }

    private void writeOnce() throws SQLException {
      try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(insert)) {
        ps.setLong(1, ids.incrementAndGet());
        ps.setInt(2, index);
        ps.executeUpdate();
      }
    }

    private void succeeded(long started, long now) {
      successes++;
      if (started >= countFrom) {
        if (firstSuccessAfterFault == 0) {
          firstSuccessAfterFault = now;
        }
        if (recoveredAt == 0 && (lastFailure == 0 || started >= lastFailure)) {
          recoveredAt = now;
        }
      }
    }

    private void failed(long started, Exception e) {
      if (System.nanoTime() < faultAt) {
        failuresBefore++;
        if (errorBefore == null) {
          errorBefore = describe(e);
        }
        return;
      }
      failuresAfter++;
      lastFailure = System.nanoTime();
      recoveredAt = 0;
      if (!stopping) {
        lastError = describe(e);
        if (firstError == null) {
          firstFailureAt = lastFailure; // before the error, which the coordinator reads as "has a time"
          firstError = lastError;
        }
      }
    }
  }

  static String describe(Throwable e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    int nl = message.indexOf('\n');
    String state = e instanceof SQLException s ? " (SQLSTATE " + s.getSQLState() + ")" : "";
    return e.getClass().getSimpleName() + ": " + (nl < 0 ? message : message.substring(0, nl)) + state;
  }
}
