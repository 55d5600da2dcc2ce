package org.pcistress.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine a run measured: what a reader needs to judge whether two reports compare.
 *
 * @param cores   logical CPUs ({@code processor} entries of /proc/cpuinfo, else what the JVM sees)
 * @param memory  total memory, from /proc/meminfo
 * @param cpu     the CPU model name, with family, model and stepping where /proc/cpuinfo has them
 * @param os      operating system, version and architecture
 */
public record Machine(int cores, String memory, String cpu, String os) {

    /** The machine this JVM runs on. Never fails: what cannot be read is "unknown". */
    public static Machine probe() {
        List<String> cpuinfo = lines(Path.of("/proc/cpuinfo"));
        int processors = 0;
        for (String l : cpuinfo) {
            if (l.startsWith("processor")) {
                processors++;
            }
        }
        String model = cpu(cpuinfo);
        String memory = "unknown";
        for (String l : lines(Path.of("/proc/meminfo"))) {
            if (l.startsWith("MemTotal:")) {
                String kb = value(l).replace("kB", "").trim();
                try {
                    memory = String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(kb) / (1024.0 * 1024.0));
                } catch (NumberFormatException e) {
                    memory = value(l);
                }
            }
        }
        int cores = processors > 0 ? processors : Runtime.getRuntime().availableProcessors();
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        return new Machine(cores, memory, model, os);
    }

    /**
     * The CPU model of the first processor in {@code cpuinfo}: its model name, and on x86 its
     * family, model and stepping, which a virtual machine keeps when it hides the name ({@code AMD
     * EPYC}, one name for several generations whose lock costs differ by 2×).
     */
    static String cpu(List<String> cpuinfo) {
        String name = null;
        String family = null;
        String model = null;
        String stepping = null;
        for (String l : cpuinfo) {
            if (l.isBlank() && name != null) {
                break; // the first processor only
            }
            if (name == null && (l.startsWith("model name") || l.startsWith("Model") || l.startsWith("cpu model"))) {
                name = value(l);
            } else if (family == null && l.startsWith("cpu family")) {
                family = value(l);
            } else if (model == null && l.matches("model\\s*:.*")) {
                model = value(l);
            } else if (stepping == null && l.startsWith("stepping")) {
                stepping = value(l);
            }
        }
        if (name == null) {
            return "unknown";
        }
        return family == null || model == null ? name
                : name + " (family " + family + ", model " + model + (stepping == null ? "" : ", stepping " + stepping) + ")";
    }

    /** {@code 2 cores, 23.4 GiB, Intel(R) Xeon(R) …, Linux 6.1 amd64}. */
    public String describe() {
        return cores + " cores, " + memory + ", " + cpu + ", " + os;
    }

    private static String value(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? line.trim() : line.substring(colon + 1).trim();
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }
}
