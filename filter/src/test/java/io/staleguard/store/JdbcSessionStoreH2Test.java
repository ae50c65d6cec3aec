package io.staleguard.store;

import org.junit.jupiter.api.DisplayName;

import io.staleguard.testing.Database;

@DisplayName("S1, S2: JdbcSessionStore on H2")
class JdbcSessionStoreH2Test extends JdbcSessionStoreContract {

    JdbcSessionStoreH2Test() {
        super(Database.H2);
    }
}
