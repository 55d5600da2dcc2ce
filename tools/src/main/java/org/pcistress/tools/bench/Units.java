package org.pcistress.tools.bench;

/** JMH score units ({@code ns/op}, {@code ops/ms}, …) and the factor between two of them. */
final class Units {
    private Units() {
    }

    /**
     * The factor that turns a score in {@code from} into one in {@code to}, or {@code NaN} when
     * the two do not measure the same thing (a time per op against ops per time, or an unknown
     * unit).
     */
    static double factor(String from, String to) {
        if (from.equals(to)) {
            return 1.0;
        }
        String[] f = from.split("/", 2);
        String[] t = to.split("/", 2);
        if (f.length != 2 || t.length != 2) {
            return Double.NaN;
        }
        if (f[1].equals(t[1])) { // time per the same op
            double a = seconds(f[0]);
            double b = seconds(t[0]);
            return a / b;
        }
        if (f[0].equals(t[0])) { // ops per time
            double a = seconds(f[1]);
            double b = seconds(t[1]);
            return b / a;
        }
        return Double.NaN;
    }

    /** Seconds in one of JMH's time units; {@code NaN} for anything else. */
    static double seconds(String unit) {
        switch (unit) {
            case "ns":
                return 1e-9;
            case "us":
            case "µs":
                return 1e-6;
            case "ms":
                return 1e-3;
            case "s":
                return 1;
            case "min":
                return 60;
            case "hr":
                return 3600;
            case "day":
                return 86400;
            default:
                return Double.NaN;
        }
    }
}
