package dev.borealis.jdbc.fake;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Captures every JUL record under {@code dev.borealis}, formatted as a handler would print it (with stack traces). */
public final class LogCapture extends Handler implements AutoCloseable {

  private final Logger logger = Logger.getLogger("dev.borealis");
  private final Level previous;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final SimpleFormatter formatter = new SimpleFormatter();

  public LogCapture() {
    previous = logger.getLevel();
    setLevel(Level.ALL);
    logger.setLevel(Level.ALL);
    logger.addHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    lines.add(formatter.format(record));
  }

  public List<String> lines() {
    return lines;
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(previous);
  }
}
