package dev.borealis.jdbc.wrapper;

import dev.borealis.jdbc.connection.LogicalConnection;
import java.util.Objects;

/** A wrapper bound to one target object for its whole life (everything but the Connection). */
public abstract class DelegatingWrapper<T> extends WrapperBase {

  protected final T delegate;

  protected DelegatingWrapper(T delegate, LogicalConnection owner) {
    super(owner);
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  protected final Object target() {
    return delegate;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + delegate + "]";
  }
}
