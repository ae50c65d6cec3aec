package io.staleguard;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.staleguard.testing.ApiSurface;

class ApiSurfaceTest {

    @Test
    @DisplayName("the public API is the one recorded in api/staleguard-filter.txt (regenerate with -Dapi.update)")
    void unchanged() throws Exception {
        ApiSurface.verify("staleguard-filter");
    }
}
