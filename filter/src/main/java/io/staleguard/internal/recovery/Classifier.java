package io.staleguard.internal.recovery;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import io.staleguard.EndReason;
import io.staleguard.SessionNotFoundException;
import io.staleguard.internal.config.ConfigReader;
import io.staleguard.internal.ops.Log;
import io.staleguard.spi.ConfigException;
import io.staleguard.store.StoreUnavailableException;

/**
 * Sorts what a request threw (B1, T1): stale (recover), transient (a store hiccup, never stale) or anything else.
 * Looks at the whole cause chain, matching class names along each exception's superclass chain so that no exception
 * class needs to be loadable here. When both kinds are in one chain, transient wins.
 */
public final class Classifier {

    public static final String VIEW_EXPIRED = "jakarta.faces.application.ViewExpiredException";

    private static final int MAX_DEPTH = 64;

    /** What to do about a throwable. */
    public enum Kind {
        STALE, TRANSIENT, OTHER
    }

    /** @param reason why the session ended; set for {@link Kind#STALE} only */
    public record Classification(Kind kind, EndReason reason) {
        static final Classification TRANSIENT = new Classification(Kind.TRANSIENT, null);
        static final Classification OTHER = new Classification(Kind.OTHER, null);
    }

    private final Set<String> stale;
    private final Set<String> transients;

    public Classifier(List<String> staleClassNames, List<String> transientClassNames) {
        this.stale = Set.copyOf(staleClassNames);
        this.transients = Set.copyOf(transientClassNames);
    }

    public Classification classify(Throwable thrown) {
        EndReason staleReason = null;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        int depth = 0;
        for (Throwable t = thrown; t != null && depth < MAX_DEPTH && seen.add(t); t = t.getCause(), depth++) {
            if (t instanceof StoreUnavailableException || isNamed(t, transients)) {
                return Classification.TRANSIENT;
            }
            if (staleReason == null) {
                if (t instanceof SessionNotFoundException snf) {
                    staleReason = snf.reason();
                } else if (isNamed(t, stale)) {
                    staleReason = isNamed(t, Set.of(VIEW_EXPIRED)) ? EndReason.EXPIRED : EndReason.NOT_FOUND;
                }
            }
        }
        return staleReason == null ? Classification.OTHER : new Classification(Kind.STALE, staleReason);
    }

    private static boolean isNamed(Throwable t, Set<String> names) {
        if (names.isEmpty()) {
            return false;
        }
        for (Class<?> c = t.getClass(); c != null && c != Throwable.class; c = c.getSuperclass()) {
            if (names.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param value a configured list, or the key's default
     * @throws ConfigException if an item is not a Java class name
     */
    public static List<String> classNames(ConfigReader.Value value) {
        List<String> names = ConfigReader.split(value.raw());
        for (String name : names) {
            if (!name.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
                    + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*(\\$[\\p{javaJavaIdentifierPart}]+)*")) {
                throw value.invalid("'" + Log.printable(name, 120) + "' is not a fully qualified Java class name",
                        "com.example.auth.InteractionNotFoundException, " + VIEW_EXPIRED);
            }
        }
        return names;
    }
}
