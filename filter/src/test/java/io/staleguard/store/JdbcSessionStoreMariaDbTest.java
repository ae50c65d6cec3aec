package io.staleguard.store;

import org.junit.jupiter.api.DisplayName;

import io.staleguard.testing.Database;

@DisplayName("S1, S2: JdbcSessionStore on MariaDb")
class JdbcSessionStoreMariaDbTest extends JdbcSessionStoreContract {

    JdbcSessionStoreMariaDbTest() {
        super(Database.MARIADB);
    }
}
