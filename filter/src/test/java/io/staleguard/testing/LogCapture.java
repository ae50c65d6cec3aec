package io.staleguard.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what Staleguard logs (System.Logger routes to java.util.logging in tests). Close it after the test. */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger("io.staleguard");
    private final Level previous;
    public final List<LogRecord> records = new CopyOnWriteArrayList<>();

    public LogCapture() {
        previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** @return the formatted messages of every record at {@code level} or above */
    public List<String> messages(Level atLeast) {
        return records.stream().filter(r -> r.getLevel().intValue() >= atLeast.intValue())
                .map(r -> r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown())).toList();
    }

    /** @return every message logged, any level, with the stack traces' text */
    public String all() {
        StringBuilder b = new StringBuilder();
        for (LogRecord r : records) {
            b.append(r.getMessage()).append('\n');
            for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
                b.append(t).append('\n');
            }
        }
        return b.toString();
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
