package org.agencyworkspace.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the connections taken through it: open now, most open at once, taken in all. What a
 * pool of ten runs out of when code holds one connection and asks for another.
 */
public final class CountingDataSource extends DelegatingDataSource {

    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final AtomicInteger taken = new AtomicInteger();

    public CountingDataSource(DataSource target) {
        super(target);
    }

    public int open() {
        return open.get();
    }

    public int mostOpen() {
        return mostOpen.get();
    }

    public int taken() {
        return taken.get();
    }

    /** Starts counting afresh from the connections open now. */
    public void reset() {
        mostOpen.set(open.get());
        taken.set(0);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = super.getConnection();
        taken.incrementAndGet();
        mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close") && !connection.isClosed()) {
                        open.decrementAndGet();
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
