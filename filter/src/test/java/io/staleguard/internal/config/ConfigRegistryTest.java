package io.staleguard.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.staleguard.StaleguardConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The configuration registry is the one table of keys: {@link StaleguardConfig} names the same keys, and the table of
 * {@code docs/configuration.md} is generated from it. {@code -Ddocs.update} rewrites the page's table instead of
 * comparing.
 */
class ConfigRegistryTest {

    private static final Path PAGE = Path.of("..").toAbsolutePath().normalize().resolve("docs/configuration.md");
    static final String BEGIN = "<!-- The table below is generated from ConfigKey: ConfigRegistryTest keeps it so, "
            + "-Ddocs.update rewrites it. -->";
    static final String END = "<!-- End of the generated table. -->";

    @Test
    @DisplayName("StaleguardConfig's constants and the registry name the same keys")
    void constantsAreTheRegistry() throws IllegalAccessException {
        Set<String> constants = new TreeSet<>();
        for (Field field : StaleguardConfig.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                constants.add((String) field.get(null));
                assertEquals(field.getName(), ConfigKey.named((String) field.get(null)).orElseThrow().name());
            }
        }
        assertEquals(constants, Arrays.stream(ConfigKey.values()).map(ConfigKey::key)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    @DisplayName("docs/configuration.md lists every key as the registry does (regenerate with -Ddocs.update)")
    void pageIsGenerated() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new AssertionError("docs/configuration.md lacks the markers " + BEGIN + " … " + END);
        }
        String generated = page.substring(0, begin + BEGIN.length()) + "\n\n" + table() + "\n" + page.substring(end);
        if (System.getProperty("docs.update") != null) {
            Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(generated, page, "docs/configuration.md differs from ConfigKey; regenerate with -Ddocs.update");
    }

    static String table() {
        StringBuilder out = new StringBuilder("| key | type | default | example | since | what it does |\n")
                .append("|---|---|---|---|---|---|\n");
        for (ConfigKey key : ConfigKey.values()) {
            out.append("| `").append(key.key()).append("` | ").append(key.type()).append(" | ")
                    .append(key.defaultText()).append(" | `").append(key.example()).append("` | ")
                    .append(key.since()).append(" | ").append(key.doc()).append(" |\n");
        }
        return out.toString();
    }
}
