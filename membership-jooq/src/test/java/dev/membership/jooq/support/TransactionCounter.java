package dev.membership.jooq.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A data source that counts the transactions its connections open ({@code setAutoCommit(false)}) and
 * commit, for tests that prove a read runs in auto-commit.
 */
public final class TransactionCounter {
  private final DataSource target;
  private final AtomicInteger begun = new AtomicInteger();
  private final AtomicInteger commits = new AtomicInteger();

  public TransactionCounter(DataSource target) {
    this.target = target;
  }

  public DataSource dataSource() {
    return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
        forward(target, (method, args, result) -> result instanceof Connection c ? connection(c) : result));
  }

  public void reset() {
    begun.set(0);
    commits.set(0);
  }

  public int begun() {
    return begun.get();
  }

  public int commits() {
    return commits.get();
  }

  private Connection connection(Connection connection) {
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        forward(connection, (method, args, result) -> {
          if (method.getName().equals("commit")) {
            commits.incrementAndGet();
          } else if (method.getName().equals("setAutoCommit") && Boolean.FALSE.equals(args[0])) {
            begun.incrementAndGet();
          }
          return result;
        }));
  }

  private interface After {
    Object apply(Method method, Object[] args, Object result);
  }

  private static InvocationHandler forward(Object target, After after) {
    return (proxy, method, args) -> {
      try {
        return after.apply(method, args, method.invoke(target, args));
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
  }
}
