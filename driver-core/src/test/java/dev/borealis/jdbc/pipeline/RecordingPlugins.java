package dev.borealis.jdbc.pipeline;

import dev.borealis.jdbc.spi.Chain;
import dev.borealis.jdbc.spi.ConnectChain;
import dev.borealis.jdbc.spi.HostSpec;
import dev.borealis.jdbc.spi.JdbcMethod;
import dev.borealis.jdbc.spi.Plugin;
import dev.borealis.jdbc.spi.PluginContext;
import dev.borealis.jdbc.spi.PluginFactory;
import dev.borealis.jdbc.spi.PluginStage;
import dev.borealis.jdbc.spi.Topology;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test plugins registered through test-scope ServiceLoader files; they record what they see. */
public final class RecordingPlugins {

  public static final List<String> EVENTS = new CopyOnWriteArrayList<>();

  private RecordingPlugins() {
  }

  /** Records calls and events; subscribes to Statement.executeQuery and Connection.getCatalog only. */
  static class Recorder implements Plugin {
    private final String code;

    Recorder(String code) {
      this.code = code;
    }

    @Override
    public String code() {
      return code;
    }

    @Override
    public Set<JdbcMethod> subscriptions() {
      return Set.of(JdbcMethod.STATEMENT_EXECUTE_QUERY, JdbcMethod.CONNECTION_GET_CATALOG);
    }

    @Override
    public Object intercept(Chain chain) throws SQLException {
      EVENTS.add(code + ">" + chain.method());
      Object r = chain.proceed();
      EVENTS.add(code + "<" + chain.method());
      return r;
    }

    @Override
    public Connection connect(ConnectChain chain) throws SQLException {
      EVENTS.add(code + ":connect initial=" + chain.initial());
      return chain.proceed(chain.host());
    }

    @Override
    public void connectionChanged(HostSpec previous, HostSpec current) {
      EVENTS.add(code + ":connectionChanged " + (previous == null ? "-" : previous.instanceId()) + "->"
          + current.instanceId());
    }

    @Override
    public void hostListChanged(Topology previous, Topology current) {
      EVENTS.add(code + ":hostListChanged " + current.hosts().size());
    }

    @Override
    public void close() {
      EVENTS.add(code + ":close");
    }
  }

  /** Calls proceed() twice: a contract violation. */
  static final class Twice extends Recorder {
    Twice() {
      super("testTwice");
    }

    @Override
    public Object intercept(Chain chain) throws SQLException {
      chain.proceed();
      return chain.proceed();
    }
  }

  /** Answers Connection.getCatalog with an Integer: a contract violation. */
  static final class WrongType extends Recorder {
    WrongType() {
      super("testWrongType");
    }

    @Override
    public Object intercept(Chain chain) {
      return 42;
    }
  }

  abstract static class Factory implements PluginFactory {
    private final String code;
    private final PluginStage stage;

    Factory(String code, PluginStage stage) {
      this.code = code;
      this.stage = stage;
    }

    @Override
    public String code() {
      return code;
    }

    @Override
    public PluginStage stage() {
      return stage;
    }
  }

  public static final class ObserverFactory extends Factory {
    public ObserverFactory() {
      super("testObserver", PluginStage.OBSERVATION);
    }

    @Override
    public Plugin create(PluginContext context) {
      return new Recorder(code());
    }
  }

  public static final class RoutingFactory extends Factory {
    public RoutingFactory() {
      super("testRouting", PluginStage.READ_WRITE_SPLITTING);
    }

    @Override
    public Plugin create(PluginContext context) {
      return new Recorder(code());
    }
  }

  public static final class TwiceFactory extends Factory {
    public TwiceFactory() {
      super("testTwice", PluginStage.OBSERVATION);
    }

    @Override
    public Plugin create(PluginContext context) {
      return new Twice();
    }
  }

  public static final class WrongTypeFactory extends Factory {
    public WrongTypeFactory() {
      super("testWrongType", PluginStage.OBSERVATION);
    }

    @Override
    public Plugin create(PluginContext context) {
      return new WrongType();
    }
  }
}
