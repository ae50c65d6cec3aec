package io.staleguard.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

/**
 * A {@link DataSource} (a {@link Proxy}) that counts the statements its connections send to the database: every
 * {@code execute}, {@code executeQuery}, {@code executeUpdate}, {@code executeLargeUpdate}, {@code executeBatch} and
 * {@code executeLargeBatch} on a {@link Statement}, {@link PreparedStatement} or {@link CallableStatement} it handed
 * out. With auto-commit connections each of those is one network round trip, so the count is the round trips a store
 * operation costs, counted rather than assumed. The pool's own connection checks are not statements of the store and
 * are not counted.
 */
final class RoundTripCountingDataSource {

    private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate", "executeBatch", "executeLargeBatch");

    private RoundTripCountingDataSource() {
    }

    /**
     * @param target the real data source (a pool)
     * @param statements incremented once per statement execution
     * @return {@code target}, counting
     */
    static DataSource wrap(DataSource target, LongAdder statements) {
        return proxy(DataSource.class, target, (result, method) -> method.getName().equals("getConnection")
                ? proxy(Connection.class, result, (r, m) -> countingStatement(r, m, statements))
                : result);
    }

    private static Object countingStatement(Object result, Method method, LongAdder statements) {
        Class<? extends Statement> type = switch (method.getName()) {
            case "createStatement" -> Statement.class;
            case "prepareStatement" -> PreparedStatement.class;
            case "prepareCall" -> CallableStatement.class;
            default -> null;
        };
        return type == null ? result : counting(type, result, statements);
    }

    private static <T extends Statement> T counting(Class<T> type, Object statement, LongAdder statements) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (EXECUTIONS.contains(method.getName())) {
                statements.increment();
            }
            return invoke(statement, method, args);
        }));
    }

    /** What to hand out instead of a method's non-null result: a counting proxy, or the result itself. */
    @FunctionalInterface
    private interface Wrapping {
        Object wrap(Object result, Method method);
    }

    private static <T> T proxy(Class<T> type, Object target, Wrapping wrapping) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Object result = invoke(target, method, args);
            return result == null ? null : wrapping.wrap(result, method);
        }));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
