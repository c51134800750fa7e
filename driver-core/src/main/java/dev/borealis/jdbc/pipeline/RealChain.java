package dev.borealis.jdbc.pipeline;

import dev.borealis.jdbc.spi.Chain;
import dev.borealis.jdbc.spi.JdbcMethod;
import dev.borealis.jdbc.spi.Plugin;
import dev.borealis.jdbc.spi.PluginContext;
import java.sql.SQLException;

/** Immutable, index-based chain step (okhttp style): {@link #proceed()} builds the next step. */
final class RealChain implements Chain {

  private final Pipeline pipeline;
  private final int[] chain;
  private final int position;
  private final JdbcMethod method;
  private final Object target;
  private final Object[] args;
  private final TargetCall<?> call;
  private int proceeds;

  RealChain(Pipeline pipeline, int[] chain, int position, JdbcMethod method, Object target, Object[] args,
      TargetCall<?> call) {
    this.pipeline = pipeline;
    this.chain = chain;
    this.position = position;
    this.method = method;
    this.target = target;
    this.args = args;
    this.call = call;
  }

  @Override
  public JdbcMethod method() {
    return method;
  }

  @Override
  public Object[] args() {
    return args;
  }

  @Override
  public Object target() {
    return target;
  }

  @Override
  public PluginContext context() {
    return pipeline.context();
  }

  @Override
  public Object proceed() throws SQLException {
    if (position > 0 && ++proceeds > 1) {
      throw new IllegalStateException("plugin " + pipeline.plugin(chain[position - 1]).code()
          + " must call proceed() at most once (it called it twice for " + method.displayName() + ")");
    }
    if (position >= chain.length) {
      return call.call();
    }
    Plugin plugin = pipeline.plugin(chain[position]);
    return plugin.intercept(new RealChain(pipeline, chain, position + 1, method, target, args, call));
  }
}
