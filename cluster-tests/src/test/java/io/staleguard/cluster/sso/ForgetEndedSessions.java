package io.staleguard.cluster.sso;

import java.sql.SQLException;

import io.staleguard.SessionEnded;
import io.staleguard.SessionEndedListener;

/** The application's {@code SessionEndedListener}: a session Staleguard ended loses its row in the shared table. */
public class ForgetEndedSessions implements SessionEndedListener {

    @Override
    public void sessionEnded(SessionEnded event) {
        if (event.sessionIdHash() == null) {
            return;
        }
        try {
            SharedSessions.forget(SharedSessions.dataSource(), event.sessionIdHash());
        } catch (SQLException e) {
            throw new IllegalStateException("could not forget an ended session", e);
        }
    }
}
