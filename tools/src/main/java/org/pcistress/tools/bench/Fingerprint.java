package org.pcistress.tools.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What must be the same for two benchmark runs to compare: the CPU model, the number of logical
 * CPUs, the JDK (vendor and version) and the JMH options that shape a measurement (forks,
 * iterations, their times, the mode, profilers). Recorded by {@code pcistress bench} in run.json;
 * {@code bench-compare} calls two runs with different fingerprints "not comparable".
 *
 * @param cpu     the CPU model name, from /proc/cpuinfo
 * @param cores   logical CPUs
 * @param jdk     the JDK's vendor and runtime version, {@code Debian 17.0.15+6-Debian-1deb12u1}
 * @param jmhArgs the JMH options of the run, {@code -f 2 -wi 2 -w 500ms -i 2 -r 500ms}, or
 *                {@code (each benchmark's own)} for a full pass
 */
public record Fingerprint(String cpu, int cores, String jdk, String jmhArgs) {

    /** The options of a JMH command line that shape measurements, in order: not the include, nor outputs. */
    static String jmhArgs(List<String> jmhCommand) {
        List<String> kept = new ArrayList<>();
        boolean afterJar = false;
        for (int i = 0; i < jmhCommand.size(); i++) {
            String a = jmhCommand.get(i);
            if (!afterJar) {
                if (a.equals("-jar")) {
                    afterJar = true;
                    i++; // the jar's path
                }
                continue;
            }
            if (a.equals("-rf") || a.equals("-rff") || a.equals("-foe") || a.equals("-to")) {
                i++;
            } else if (a.startsWith("-")) {
                kept.add(a);
                if (i + 1 < jmhCommand.size() && !jmhCommand.get(i + 1).startsWith("-")) {
                    kept.add(jmhCommand.get(++i));
                }
            }
        }
        return kept.isEmpty() ? "(each benchmark's own)" : String.join(" ", kept);
    }

    /** This machine and JVM running {@code jmhCommand} (with {@code otherJava}, the JDK is that binary's, unknown). */
    static Fingerprint probe(Machine m, List<String> jmhCommand, boolean otherJava) {
        String jdk = otherJava ? "unknown (--java)"
                : System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version");
        return new Fingerprint(m.cpu(), m.cores(), jdk, jmhArgs(jmhCommand));
    }

    /** What differs between two fingerprints, one phrase each; empty when they compare. */
    List<String> differences(Fingerprint o) {
        List<String> out = new ArrayList<>();
        diff(out, "CPU", cpu, o.cpu);
        diff(out, "cores", Integer.toString(cores), Integer.toString(o.cores));
        diff(out, "JDK", jdk, o.jdk);
        diff(out, "JMH options", jmhArgs, o.jmhArgs);
        return out;
    }

    private static void diff(List<String> out, String what, String a, String b) {
        if (!Objects.equals(a, b)) {
            out.add(what + " '" + a + "' vs '" + b + "'");
        }
    }

    /** {@code AMD EPYC 7B13, 2 cores, Debian 17.0.15+6…, JMH -f 2 …}. */
    public String describe() {
        return cpu + ", " + cores + " cores, JDK " + jdk + ", JMH " + jmhArgs;
    }
}
