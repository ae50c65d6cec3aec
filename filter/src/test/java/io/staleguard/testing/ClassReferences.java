package io.staleguard.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The classes a module's compiled classes refer to, read from their constant pools (class entries and the descriptors
 * of fields, methods and signatures), with nested classes counted as their top-level class: what a maintainer sees as
 * one file. Used to prove that no two top-level classes depend on each other, directly or in a ring.
 */
public final class ClassReferences {

    private ClassReferences() {
    }

    /**
     * @param classes a module's {@code target/classes}
     * @param packagePrefix only classes whose binary name starts with this, such as {@code io.staleguard.}
     * @return each top-level class under {@code classes} and the other top-level classes of {@code packagePrefix} it
     *         refers to
     */
    public static Map<String, Set<String>> of(Path classes, String packagePrefix) throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        String internalPrefix = packagePrefix.replace('.', '/');
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = topLevel(classes.relativize(file).toString().replace('\\', '/').replaceAll("\\.class$", ""));
                if (name.endsWith("package-info") || name.endsWith("module-info")) {
                    continue;
                }
                Set<String> refs = graph.computeIfAbsent(name.replace('/', '.'), k -> new TreeSet<>());
                try (InputStream in = Files.newInputStream(file)) {
                    for (String ref : referencedNames(in)) {
                        String top = topLevel(ref);
                        if (top.startsWith(internalPrefix) && !top.equals(name)) {
                            refs.add(top.replace('/', '.'));
                        }
                    }
                }
            }
        }
        return graph;
    }

    /** @return the rings of two or more top-level classes that refer to one another (Tarjan's strongly connected components) */
    public static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        List<Set<String>> found = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        List<String> stack = new ArrayList<>();
        Set<String> onStack = new TreeSet<>();
        int[] counter = {0};
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, graph, index, low, stack, onStack, counter, found);
            }
        }
        return found;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
            Map<String, Integer> low, List<String> stack, Set<String> onStack, int[] counter, List<Set<String>> found) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.add(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!graph.containsKey(w)) {
                continue;
            }
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, counter, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.remove(stack.size() - 1);
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }

    private static String topLevel(String internalName) {
        int dollar = internalName.indexOf('$');
        return dollar < 0 ? internalName : internalName.substring(0, dollar);
    }

    /** Class names in the constant pool: class entries, and {@code Lname;} inside descriptors and signatures. */
    private static Set<String> referencedNames(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        in.readInt();
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> classEntries = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classEntries.add(in.readUnsignedShort());
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        Set<String> names = new TreeSet<>();
        for (int entry : classEntries) {
            String name = utf8[entry];
            names.add(name.startsWith("[") ? name.replaceAll("^\\[+L?|;$", "") : name);
        }
        for (String text : utf8) {
            if (text == null) {
                continue;
            }
            int at = text.indexOf('L');
            while (at >= 0) {
                int end = text.indexOf(';', at);
                if (end < 0) {
                    break;
                }
                String candidate = text.substring(at + 1, end);
                if (candidate.matches("[A-Za-z_$][\\w$/]*")) {
                    names.add(candidate.replaceAll("<.*", ""));
                }
                at = text.indexOf('L', at + 1);
            }
        }
        return names;
    }
}
