package dev.borealis.benchmarks;

import dev.borealis.benchmarks.stub.StubDialect;
import dev.borealis.benchmarks.stub.StubDriver;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Question: what does the Borealis wrapper itself cost per JDBC call, with no plugins and with the default plugins,
 * compared with calling the target driver directly? The target is {@link StubDriver}, whose statements and result
 * sets only return constants, so the difference between the {@code driver} rows is the wrapper's cost alone:
 * <ul>
 *   <li>{@code execute}: {@code Statement.execute("SELECT 1")} on an open statement;</li>
 *   <li>{@code nextGetInt}: {@code ResultSet.next()} then {@code getInt(1)} on an open (endless) result;</li>
 *   <li>{@code readOnlySwitch}: {@code setReadOnly(true)} then {@code setReadOnly(false)} — with the default
 *       plugins this moves the logical connection writer → reader → writer (both physical connections cached).</li>
 * </ul>
 * Average time per operation in nanoseconds; {@link JmhOverhead} prints the ratios to the bare driver.
 * Run: {@code mvn -q -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/borealis-benchmarks.jar
 * jmh-overhead [JMH options]}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WrapperOverheadBenchmark {

  /** The bare stub driver, Borealis with {@code wrapperPlugins=} (none), Borealis with its default plugins. */
  @Param({"stub", "borealis-no-plugins", "borealis-default-plugins"})
  public String driver;

  private Connection connection;
  private Statement statement;
  private ResultSet result;

  @Setup(Level.Trial)
  public void open() throws SQLException {
    connection = connect(driver);
    statement = connection.createStatement();
    result = statement.executeQuery("SELECT 1");
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    connection.close();
  }

  static Connection connect(String driver) throws SQLException {
    String hostAndDb = StubDialect.WRITER + ":" + StubDialect.PORT + "/bench";
    Driver target = switch (driver) {
      case "stub" -> new StubDriver();
      case "borealis-no-plugins", "borealis-default-plugins" -> new dev.borealis.jdbc.Driver();
      default -> throw new IllegalArgumentException("driver: unknown '" + driver + "'");
    };
    String url = switch (driver) {
      case "stub" -> StubDriver.PREFIX + hostAndDb;
      case "borealis-no-plugins" -> "jdbc:borealis:stub://" + hostAndDb + "?wrapperPlugins=";
      default -> "jdbc:borealis:stub://" + hostAndDb;
    };
    Connection c = target.connect(url, new Properties());
    if (c == null) {
      throw new SQLException("driver " + driver + " declined " + url, "08001");
    }
    return c;
  }

  @Benchmark
  public boolean execute() throws SQLException {
    return statement.execute("SELECT 1");
  }

  @Benchmark
  public int nextGetInt() throws SQLException {
    result.next();
    return result.getInt(1);
  }

  @Benchmark
  public boolean readOnlySwitch() throws SQLException {
    connection.setReadOnly(true);
    connection.setReadOnly(false);
    return connection.isReadOnly();
  }
}
