package io.staleguard.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.staleguard.internal.ops.Log;
import io.staleguard.spi.ConfigError;
import io.staleguard.spi.ConfigException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Configuration error ids are like log message ids: each is unique, in its own block, listed in
 * {@code docs/operations.md} (the table there is generated from {@link ConfigError}; {@code -Ddocs.update} rewrites it
 * instead of comparing), and every one the code spells out is one of the table's.
 */
class ConfigErrorTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path PAGE = ROOT.resolve("docs/operations.md");
    static final String BEGIN = "<!-- The table below is generated from ConfigError: ConfigErrorTest keeps it so, "
            + "-Ddocs.update rewrites it. -->";
    static final String END = "<!-- End of the generated table. -->";
    /** A message id as the code and the docs spell it. */
    private static final Pattern ANY_ID = Pattern.compile("\\bSG\\d{4}\\b");
    /** The modules whose errors fail a deployment. */
    private static final List<String> MODULES = List.of("filter", "cdi-extension", "store-redis");

    @Test
    @DisplayName("C3: every configuration error id is unique, in the SG02xx block, and no log message's id")
    void idsAreUniqueAndApartFromLogIds() throws IllegalAccessException {
        Map<String, ConfigError> byId = new TreeMap<>();
        for (ConfigError error : ConfigError.values()) {
            assertTrue(error.id().matches("SG02\\d\\d"), error + ": " + error.id());
            ConfigError before = byId.put(error.id(), error);
            assertEquals(null, before, error.id() + " is both " + before + " and " + error);
        }
        for (Field field : Log.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String logId = (String) field.get(null);
                assertTrue(logId.matches("SG00\\d\\d"), field.getName() + ": " + logId);
            }
        }
    }

    @Test
    @DisplayName("C3: docs/operations.md lists every configuration error id as ConfigError does (regenerate with "
            + "-Ddocs.update)")
    void everyIdIsDocumented() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new AssertionError("docs/operations.md lacks the markers " + BEGIN + " … " + END);
        }
        String generated = page.substring(0, begin + BEGIN.length()) + "\n\n" + table() + "\n" + page.substring(end);
        if (System.getProperty("docs.update") != null) {
            Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(generated, page, "docs/operations.md differs from ConfigError; regenerate with -Ddocs.update");
        Set<String> documentedOutsideTheTable = ids(page.substring(0, begin) + page.substring(end)).stream()
                .filter(id -> id.startsWith("SG02")).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(allIds().containsAll(documentedOutsideTheTable), documentedOutsideTheTable::toString);
    }

    @Test
    @DisplayName("C3: every SG02xx id the code spells out is in the table, and every id of the table is used")
    void spelledOutIdsAreTheTables() throws IOException {
        Set<String> used = new TreeSet<>();
        Map<String, Set<String>> unknown = new TreeMap<>();
        for (Path file : mainSources()) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (file.getFileName().toString().equals("ConfigError.java")) {
                continue;
            }
            for (ConfigError error : ConfigError.values()) {
                if (text.contains("ConfigError." + error.name())) {
                    used.add(error.id());
                }
            }
            for (String id : ids(text)) {
                if (id.startsWith("SG02")) {
                    used.add(id);
                    if (!allIds().contains(id)) {
                        unknown.computeIfAbsent(id, k -> new TreeSet<>()).add(ROOT.relativize(file).toString());
                    }
                }
            }
        }
        assertEquals(Map.of(), unknown, "ids spelled out but not in ConfigError (id → files)");
        assertEquals(allIds(), used, "ids of ConfigError that no module uses");
    }

    @Test
    @DisplayName("C3: the message that docs/operations.md shows is the one Staleguard gives")
    void documentedExampleIsReal() throws IOException {
        Function<String, String> initParams = key -> key.equals("inactivity") ? "abc" : null;
        ConfigReader reader = new ConfigReader("rolling", initParams, name -> null, getClass().getClassLoader());
        ConfigException e = assertThrows(ConfigException.class, () -> reader.duration(ConfigKey.INACTIVITY));
        assertTrue(Files.readString(PAGE, StandardCharsets.UTF_8).contains("\n" + e.getMessage() + "\n"),
                e.getMessage());
        assertEquals(ConfigError.INVALID_VALUE, ConfigError.startOf(e.getMessage()).orElseThrow());
    }

    static String table() {
        StringBuilder out = new StringBuilder("| id | what is wrong |\n|---|---|\n");
        for (ConfigError error : ConfigError.values()) {
            out.append("| ").append(error.id()).append(" | ").append(error.meaning()).append(" |\n");
        }
        return out.toString();
    }

    private static Set<String> allIds() {
        return Arrays.stream(ConfigError.values()).map(ConfigError::id).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> ids(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = ANY_ID.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static List<Path> mainSources() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String module : MODULES) {
            try (Stream<Path> walk = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                walk.filter(f -> f.toString().endsWith(".java")).sorted().forEach(files::add);
            }
        }
        return files;
    }
}
