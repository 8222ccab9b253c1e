package dev.membership.jooq.support;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose connections fail on purpose: each statement executed and each commit is a
 * step, and when armed the {@code k}-th step throws an {@link SQLException} instead of running, as a
 * dropped connection or a crashing database would.
 */
public final class FaultInjectingDataSource implements DataSource {
  private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
      "executeBatch", "executeLargeBatch");

  private final DataSource delegate;
  private final AtomicInteger steps = new AtomicInteger();
  private volatile int failAt = -1;
  private volatile boolean failed;

  public FaultInjectingDataSource(DataSource delegate) {
    this.delegate = delegate;
  }

  /** Starts counting steps from zero; the {@code k}-th step from now fails (none when k is 0). */
  public void arm(int k) {
    steps.set(0);
    failed = false;
    failAt = k;
  }

  /** Stops failing; the counts of the last run stay readable. */
  public void disarm() {
    failAt = -1;
  }

  /** How many steps ran (or were tried) since {@link #arm}. */
  public int steps() {
    return steps.get();
  }

  /** Whether the armed fault was thrown. */
  public boolean failed() {
    return failed;
  }

  private void step(String what) throws SQLException {
    if (steps.incrementAndGet() == failAt) {
      failed = true;
      throw new SQLException("injected fault at step " + failAt + " (" + what + ")", "08006");
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    return connection(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return connection(delegate.getConnection(username, password));
  }

  private Connection connection(Connection real) {
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        new Forwarding(real) {
          @Override
          Object around(Method method, Object[] args) throws Throwable {
            if (method.getName().equals("commit")) {
              step("commit");
            }
            Object result = forward(method, args);
            return switch (method.getName()) {
              case "prepareStatement" -> statement(result, PreparedStatement.class);
              case "prepareCall" -> statement(result, CallableStatement.class);
              case "createStatement" -> statement(result, Statement.class);
              default -> result;
            };
          }
        });
  }

  private Object statement(Object real, Class<?> type) {
    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, new Forwarding(real) {
      @Override
      Object around(Method method, Object[] args) throws Throwable {
        if (EXECUTIONS.contains(method.getName())) {
          step(method.getName());
        }
        return forward(method, args);
      }
    });
  }

  private abstract static class Forwarding implements InvocationHandler {
    private final Object target;

    Forwarding(Object target) {
      this.target = target;
    }

    abstract Object around(Method method, Object[] args) throws Throwable;

    final Object forward(Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    @Override
    public final Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getName().equals("unwrap") && args != null && args.length == 1
          && ((Class<?>) args[0]).isInstance(proxy)) {
        return proxy;
      }
      return around(method, args);
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getLogger("dev.membership.jooq");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return delegate.isWrapperFor(iface);
  }
}
