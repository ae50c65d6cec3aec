package io.staleguard.internal.identity;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.security.Permission;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * I3 (issue 12, item 8): the trusted-proxy check parses {@code getRemoteAddr()} by hand. {@code InetAddress.getByName}
 * sends whatever it does not recognise as a literal to the name resolver, and that runs on requests.
 */
class CidrTest {

    private static final List<String> NOT_LITERALS = List.of("zz:1", "[zz:1]", "999.1.1.1", "256.0.0.1", "1.2.3",
            "1.2.3.4.5", "1.2.3.4x", "localhost", "example.com", "0x7f.0.0.1", "::g", "1:2:3:4:5:6:7:8:9", "1::2::3",
            "12345::", "1.2.3.4::", ":1:2:3:4:5:6:7", "::1%", "::1% eth0", "[", "[]", "fe80::1%et/h0", "1.2.3.4%eth0");

    private static final List<String> LITERALS = List.of("127.0.0.1", "10.0.0.255", "0.0.0.0", "255.255.255.255",
            "::1", "0:0:0:0:0:0:0:1", "[::1]", "::", "1::8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "2001:db8::",
            "2001:DB8:0:0:0:0:2:1", "::ffff:10.1.2.3", "::ffff:a01:203", "64:ff9b::192.0.2.33", "::192.0.2.33",
            "fe80::1%eth0", "fe80:0:0:0:1:2:3:4%2", "[fe80::1%lo]");

    /** Records every name lookup the JDK is about to make, and refuses it. */
    @SuppressWarnings("removal")
    private static final class LookupRecorder extends SecurityManager {
        final List<String> lookups = new ArrayList<>();

        @Override
        public void checkConnect(String host, int port) {
            if (port == -1) {
                lookups.add(host);
                throw new SecurityException("no name lookups in this test: " + host);
            }
        }

        @Override
        public void checkPermission(Permission perm) {
            // everything else is allowed
        }

        @Override
        public void checkPermission(Permission perm, Object context) {
            // everything else is allowed
        }
    }

    @Test
    @DisplayName("I3 (issue 12 item 8): a non-literal remote address such as zz:1 never reaches the name resolver")
    @SuppressWarnings("removal")
    void nonLiteralsNeverReachTheResolver() {
        LookupRecorder recorder = new LookupRecorder();
        SecurityManager before = System.getSecurityManager();
        List<String> results = new ArrayList<>();
        System.setSecurityManager(recorder);
        try {
            for (String s : NOT_LITERALS) {
                results.add(Cidr.literal(s) == null ? null : s);
            }
        } finally {
            System.setSecurityManager(before);
        }
        assertEquals(List.of(), recorder.lookups, "name lookups the parser caused");
        assertEquals(NOT_LITERALS.stream().map(s -> (String) null).toList(), results, "every one is rejected");
    }

    @Test
    @DisplayName("I3 (issue 12 item 8): IP literals parse to the bytes InetAddress gives them")
    void literalsParseToTheBytesInetAddressGives() {
        List<Executable> checks = new ArrayList<>();
        for (String s : LITERALS) {
            checks.add(() -> {
                String plain = s.replaceAll("^\\[|]$", "").replaceAll("%.*$", "");
                assertArrayEquals(InetAddress.getByName(plain).getAddress(), Cidr.literal(s), s);
            });
        }
        for (String s : NOT_LITERALS) {
            checks.add(() -> assertNull(Cidr.literal(s), s));
        }
        assertAll(checks);
    }
}
