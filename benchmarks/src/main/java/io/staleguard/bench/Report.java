package io.staleguard.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs every part of the benchmarks and writes one Markdown report: the machine, then each part's tables and the
 * targets of the benchmarks issue with what this run measured.
 * <pre>
 * mvn -B -pl benchmarks -am package -DskipTests -Pbench      # writes benchmarks/RESULTS.md
 * </pre>
 * Arguments: {@code --out <file>} (default: print only), {@code --smoke} (a few seconds per part; the numbers mean
 * nothing), {@code --only <part>[,<part>]} with the parts' simple class names.
 */
public final class Report {

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        Path out = null;
        Part.Mode mode = Part.Mode.FULL;
        List<String> only = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--smoke" -> mode = Part.Mode.SMOKE;
                case "--only" -> only.addAll(List.of(args[++i].split(",")));
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                        + "; expected --out <file>, --smoke or --only FilterCost,StoreRoundTrips,EndToEnd,StoreScaling,Peers");
            }
        }
        String report = run(mode, only);
        System.out.println(report);
        if (out != null) {
            report = keepSummary(out, report);
            Files.writeString(out, report, StandardCharsets.UTF_8);
            System.out.println("Report written to " + out.toAbsolutePath());
        }
    }

    /** Marks the hand-written summary at the top of the report, which a new run keeps. */
    static final String SUMMARY_START = "<!-- summary: written by hand, kept by every run -->";
    static final String SUMMARY_END = "<!-- /summary -->";

    /**
     * @return {@code report} with the hand-written summary of the previous report at {@code out}, if it had one,
     *         right after the title: the summary says in words what the tables mean, and a new run only renews them
     */
    static String keepSummary(Path out, String report) throws IOException {
        if (!Files.exists(out)) {
            return report;
        }
        String previous = Files.readString(out, StandardCharsets.UTF_8);
        int start = previous.indexOf(SUMMARY_START);
        int end = previous.indexOf(SUMMARY_END);
        if (start < 0 || end < start) {
            return report;
        }
        String summary = previous.substring(start, end + SUMMARY_END.length());
        int afterTitle = report.indexOf("\n\n") + 2;
        return report.substring(0, afterTitle) + summary + "\n\n" + report.substring(afterTitle);
    }

    /** The parts in report order. */
    static List<Part> parts() {
        return List.of(new FilterCost(), new StoreRoundTrips(), new EndToEnd(), new StoreScaling(), new Peers());
    }

    /**
     * @param only the simple class names of the parts to run, or empty for all
     * @return the Markdown report
     */
    static String run(Part.Mode mode, List<String> only) {
        MachineFacts before = MachineFacts.now();
        long start = System.nanoTime();
        StringBuilder body = new StringBuilder();
        List<Target> all = new ArrayList<>();
        for (Part part : parts()) {
            String name = part.getClass().getSimpleName();
            if (!only.isEmpty() && !only.contains(name)) {
                continue;
            }
            System.err.printf(Locale.ROOT, "[bench] %s (%s)…%n", name, mode);
            long partStart = System.nanoTime();
            try {
                Section s = part.run(mode);
                body.append(s.toMarkdown());
                all.addAll(s.targets);
            } catch (Exception e) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                body.append("## ").append(name).append("\n\nNot measured: ").append(e).append("\n\n```\n")
                        .append(trace).append("```\n\n");
                if (mode == Part.Mode.SMOKE) {
                    throw new IllegalStateException(name + " failed", e);
                }
            }
            System.err.printf(Locale.ROOT, "[bench] %s took %d s%n", name, (System.nanoTime() - partStart) / 1_000_000_000L);
        }
        MachineFacts after = MachineFacts.now();
        StringBuilder b = new StringBuilder("# Staleguard benchmarks\n\n");
        if (mode == Part.Mode.SMOKE) {
            b.append("**Smoke run: every part ran for a few seconds only; these numbers mean nothing.**\n\n");
        }
        b.append("Produced by `mvn -B -pl benchmarks -am package -DskipTests -Pbench` (")
                .append((System.nanoTime() - start) / 60_000_000_000L).append(" min). Ratios are measured side by side "
                        + "in one run on one machine; compare ratios, not absolute numbers, across machines.\n\n");
        b.append(before.toMarkdown(after)).append('\n');
        if (!all.isEmpty()) {
            Table summary = new Table("Target", "Goal", "Measured", "Met").caption("### Targets at a glance");
            for (Target t : all) {
                summary.row(t.what(), t.goal(), t.measured(), t.met() ? "yes" : "**no**");
            }
            b.append(summary.toMarkdown()).append('\n');
        }
        return b.append(body).toString();
    }
}
