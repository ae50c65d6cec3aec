package io.staleguard.store;

import org.junit.jupiter.api.DisplayName;

import io.staleguard.testing.Database;

@DisplayName("S1, S2: JdbcSessionStore on Postgres")
class JdbcSessionStorePostgresTest extends JdbcSessionStoreContract {

    JdbcSessionStorePostgresTest() {
        super(Database.POSTGRES);
    }
}
