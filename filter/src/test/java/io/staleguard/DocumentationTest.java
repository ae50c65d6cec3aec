package io.staleguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The repository's documentation holds together: every behaviour id that the README, {@code docs/}, Javadoc or a test
 * names is defined in {@code docs/behaviours.md}, and nothing points at documents outside the repository.
 */
class DocumentationTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path CATALOGUE = ROOT.resolve("docs/behaviours.md");
    /** A behaviour id: a family letter and a number from 1 (B1, R3, T2, …). */
    private static final Pattern ID = Pattern.compile("\\b[BRITSECNL][1-9][0-9]?\\b");
    /** Where the catalogue defines an id: its heading. */
    private static final Pattern DEFINITION = Pattern.compile("(?m)^### ([BRITSECNL][1-9][0-9]?) ");
    /** Files that document or test: Markdown, Java sources, the browser helper, the example's pages. */
    private static final Set<String> SCANNED = Set.of(".md", ".java", ".js", ".jsp", ".html", ".xml");

    @Test
    @DisplayName("every behaviour id used in the README, docs, Javadoc and tests is defined in docs/behaviours.md")
    void everyIdIsDefined() throws IOException {
        Set<String> defined = new TreeSet<>();
        Matcher definition = DEFINITION.matcher(Files.readString(CATALOGUE, StandardCharsets.UTF_8));
        while (definition.find()) {
            defined.add(definition.group(1));
        }
        assertTrue(defined.containsAll(Set.of("B1", "R2", "I1", "T1", "S1", "E1", "C1")), defined::toString);
        TreeMap<String, Set<String>> undefined = new TreeMap<>();
        for (Path file : files()) {
            Matcher id = ID.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (id.find()) {
                if (!defined.contains(id.group())) {
                    undefined.computeIfAbsent(id.group(), k -> new TreeSet<>()).add(ROOT.relativize(file).toString());
                }
            }
        }
        assertEquals(new TreeMap<>(), undefined, "ids used but not defined in docs/behaviours.md (id → files)");
    }

    @Test
    @DisplayName("nothing refers to a design document outside the repository")
    void nothingPointsOutsideTheRepository() throws IOException {
        // Spelled in pieces so that this file does not find itself.
        List<String> outside = List.of("shared" + "/DESIGN", "../" + "shared", "steering " + "repository");
        List<String> found = new ArrayList<>();
        for (Path file : files()) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            outside.stream().filter(text::contains).forEach(s -> found.add(ROOT.relativize(file) + ": " + s));
        }
        assertEquals(List.of(), found);
    }

    /** A Markdown link or image target that is a path in the repository (not a URL, not an anchor in the same page). */
    private static final Pattern RELATIVE_LINK = Pattern.compile("\\]\\(((?![a-z]+:|#)[^)\\s#]+)(?:#[^)]*)?\\)");

    @Test
    @DisplayName("every relative link in the Markdown files points at a file or folder that exists")
    void everyRelativeLinkResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path file : files()) {
            if (!file.getFileName().toString().endsWith(".md")) {
                continue;
            }
            Matcher link = RELATIVE_LINK.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (link.find()) {
                if (!Files.exists(file.getParent().resolve(link.group(1)).normalize())) {
                    broken.add(ROOT.relativize(file) + ": " + link.group(1));
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> SCANNED.stream().anyMatch(ext -> f.getFileName().toString().endsWith(ext)))
                    .filter(f -> Stream.of(ROOT.relativize(f).toString().split("[/\\\\]"))
                            .noneMatch(part -> part.equals("target") || part.startsWith(".")))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }
}
