package io.staleguard.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records everything logged under {@code io.staleguard}, at every level, with stack traces: System.Logger goes to
 * java.util.logging in tests. Close it after the test.
 */
public final class LogRecorder extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger("io.staleguard");
    private final Level previous;
    public final List<LogRecord> records = new CopyOnWriteArrayList<>();

    public LogRecorder() {
        previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** @return every message with every throwable in its cause chain, as text */
    public String all() {
        StringBuilder b = new StringBuilder();
        for (LogRecord r : records) {
            b.append(r.getLevel()).append(' ').append(r.getMessage()).append('\n');
            for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
                b.append(t).append('\n');
            }
        }
        return b.toString();
    }

    /** @return the messages at {@code level} or above */
    public List<String> messages(Level atLeast) {
        return records.stream().filter(r -> r.getLevel().intValue() >= atLeast.intValue()).map(LogRecord::getMessage)
                .toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
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
