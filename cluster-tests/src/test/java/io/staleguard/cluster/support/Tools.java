package io.staleguard.cluster.support;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** The programs the cluster suite runs: missing, they fail the suite on CI (env {@code CI} set) and skip it elsewhere. */
public final class Tools {

    private Tools() {
    }

    public static void require(String executable, String what) {
        if (Files.isExecutable(Path.of(executable))) {
            return;
        }
        String message = what + " is needed and " + executable + " is missing";
        if (System.getenv("CI") != null) {
            Assertions.fail(message + " (CI is set: the cluster suite never skips there)");
        }
        Assumptions.abort(message + "; skipped because CI is not set");
    }
}
