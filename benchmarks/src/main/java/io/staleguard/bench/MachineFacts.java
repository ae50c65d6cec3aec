package io.staleguard.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** What the numbers were measured on: cores, CPU, JDK, memory, and how busy the machine was. */
record MachineFacts(int cores, String cpu, String jdk, String os, long memoryMiB, double loadAverage, Instant at) {

    static MachineFacts now() {
        return new MachineFacts(Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                totalMemoryMiB(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    String toMarkdown(MachineFacts after) {
        return new Table("Machine", "")
                .row("Cores", cores)
                .row("CPU", cpu)
                .row("JDK", jdk)
                .row("OS", os)
                .row("Memory", memoryMiB + " MiB")
                .row("Load average (1 min) at start / end",
                        String.format(Locale.ROOT, "%.2f / %.2f", loadAverage, after.loadAverage))
                .row("Run", at + " – " + after.at)
                .toMarkdown();
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the architecture is all there is to say
        }
        return System.getProperty("os.arch");
    }

    private static long totalMemoryMiB() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024 * 1024);
        }
        return -1;
    }
}
