/**
 * Staleguard's filters, its session stores and the SPI its integrations implement.
 * <p>
 * Exports the API ({@code io.staleguard}), the session stores ({@code io.staleguard.store}) and the SPI
 * ({@code io.staleguard.spi}); every {@code io.staleguard.internal} package stays inside the module. Servlet containers
 * deploy the jar from {@code WEB-INF/lib}, on the class path, where this declaration changes nothing: it only takes
 * effect for code that puts the jar on a module path.
 *
 * @since 0.1
 */
module io.staleguard {
    // The filters implement jakarta.servlet.Filter: users of the API need the Servlet API too.
    requires transitive jakarta.servlet;
    // JdbcSessionStore takes a javax.sql.DataSource, and its SQLExceptions are part of the store contract.
    requires transitive java.sql;
    // The store found through JNDI (java:comp/env) and the JTA registry asked by JdbcSessionStore.
    requires java.naming;
    // The counters as an MXBean.
    requires java.management;

    // io.staleguard.internal.undertow: compiled against Undertow, loaded only by Undertow (WildFly), which finds it
    // through META-INF/services/io.undertow.servlet.ServletExtension on the class path. Nothing else ever loads it.
    // These are Undertow's automatic module names (its jars have no module-info and no Automatic-Module-Name).
    requires static undertow.core;
    requires static undertow.servlet;
    // No "provides io.undertow.servlet.ServletExtension": Undertow is optional and never packaged (a provided
    // dependency), and a provides clause would make resolving this module on a module path fail wherever Undertow is
    // absent, that is everywhere but WildFly, which deploys the jar on the class path and reads META-INF/services.
    //
    // Jakarta Transactions is asked by reflection only (store.JtaTransactions): no requires.

    exports io.staleguard;
    exports io.staleguard.store;
    exports io.staleguard.spi;

    // Found through ServiceLoader with the application's class loader (META-INF/services on the class path).
    uses io.staleguard.SessionEndedListener;
    uses io.staleguard.spi.StoreLocator;
    uses io.staleguard.spi.ExternalConfig;
}
