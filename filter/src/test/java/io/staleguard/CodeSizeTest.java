package io.staleguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The size rules of the library's main code (filter, CDI module, Redis store): no source file over 300 lines, no method
 * or constructor over 50, so that each concern stays small enough to read whole.
 */
class CodeSizeTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> MODULES = List.of("filter", "cdi-extension", "store-redis");
    private static final int MAX_FILE_LINES = 300;
    private static final int MAX_METHOD_LINES = 50;
    /** A member's declaration, at a class body's indentation (4 or 8 spaces), that opens a body on its line. */
    private static final Pattern METHOD_START = Pattern.compile(
            "^( {4}| {8})(?!return |new |else|if |for |while |switch |try|catch|do |case |default )"
                    + "[\\w<>\\[\\]@ ,.?]*\\b\\w+\\([^;]*$");

    @Test
    @DisplayName("no main source file of a library module is over 300 lines")
    void files() throws IOException {
        List<String> over = new ArrayList<>();
        for (Path file : sources()) {
            int lines = Files.readAllLines(file, StandardCharsets.UTF_8).size();
            if (lines > MAX_FILE_LINES) {
                over.add(ROOT.relativize(file) + ": " + lines);
            }
        }
        assertEquals(List.of(), over);
    }

    @Test
    @DisplayName("no method or constructor of a library module's main code is over 50 lines")
    void methods() throws IOException {
        List<String> over = new ArrayList<>();
        int measured = 0;
        for (Path file : sources()) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (!METHOD_START.matcher(lines.get(i)).find()) {
                    continue;
                }
                int end = endOfBody(lines, i);
                if (end < 0) {
                    continue; // a declaration without a body (abstract, interface) or an annotation's arguments
                }
                measured++;
                int length = end - i + 1;
                if (length > MAX_METHOD_LINES) {
                    over.add(ROOT.relativize(file) + ":" + (i + 1) + " " + lines.get(i).trim() + " (" + length + ")");
                }
                i = end;
            }
        }
        assertFalse(measured < 100, "the scan found only " + measured + " methods");
        assertEquals(List.of(), over);
    }

    /** @return the index of the line that closes the body opened on or after {@code start}, or -1 if none opens */
    private static int endOfBody(List<String> lines, int start) {
        int depth = 0;
        boolean opened = false;
        for (int i = start; i < lines.size(); i++) {
            String code = withoutLiterals(lines.get(i));
            if (!opened && code.contains(";") && !code.contains("{")) {
                return -1;
            }
            for (char c : code.toCharArray()) {
                if (c == '{') {
                    depth++;
                    opened = true;
                } else if (c == '}') {
                    depth--;
                }
            }
            if (opened && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static String withoutLiterals(String line) {
        String code = line.replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("'(?:\\\\.|[^'\\\\])'", "''");
        int comment = code.indexOf("//");
        return comment < 0 ? code : code.substring(0, comment);
    }

    private static List<Path> sources() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String module : MODULES) {
            try (Stream<Path> walk = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                walk.filter(f -> f.toString().endsWith(".java")).sorted().forEach(files::add);
            }
        }
        assertFalse(files.isEmpty());
        return files;
    }
}
