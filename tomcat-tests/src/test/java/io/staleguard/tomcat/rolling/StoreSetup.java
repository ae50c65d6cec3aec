package io.staleguard.tomcat.rolling;

import io.staleguard.store.JdbcSessionStore;
import io.staleguard.store.SessionStore;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Supplies the application's store as users do without CDI: a {@code ServletContextListener} sets the context
 * attribute {@link SessionStore#ATTRIBUTE} (S3). Context-param {@value #PARAM}: {@code h2:<JDBC URL>} for a
 * {@link JdbcSessionStore}, {@code upsert-foil} for the deliberately broken {@link UpsertFoilStore}; anything else
 * leaves the store to the {@code staleguard.store} key.
 */
public class StoreSetup implements ServletContextListener {

    static final String PARAM = "rolling-app.store";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        String store = event.getServletContext().getInitParameter(PARAM);
        if (store.startsWith("h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(store.substring("h2:".length()));
            event.getServletContext().setAttribute(SessionStore.ATTRIBUTE, new JdbcSessionStore(h2));
        } else if (store.equals("upsert-foil")) {
            event.getServletContext().setAttribute(SessionStore.ATTRIBUTE, new UpsertFoilStore());
        }
    }
}
