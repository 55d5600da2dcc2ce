package org.pcistress.tools.bench;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** Number and label formatting shared by the reports and the comparison. */
final class Fmt {
    private Fmt() {
    }

    /** Decimals that keep about four significant digits for {@code x}'s magnitude. */
    static int decimals(double x) {
        double a = Math.abs(x);
        if (!Double.isFinite(a) || a >= 1000) {
            return 0;
        }
        if (a >= 100) {
            return 1;
        }
        if (a >= 10) {
            return 2;
        }
        return a >= 0.01 || a == 0 ? 3 : 6;
    }

    static String num(double x) {
        return num(x, decimals(x));
    }

    static String num(double x, int decimals) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "∞" : "-∞";
        }
        return String.format(Locale.ROOT, decimals == 0 ? "%,.0f" : "%,." + decimals + "f", x);
    }

    /** {@code 35.105 ± 1.247}, the error to the score's decimals; {@code ± ?} when unknown. */
    static String scoreWithError(double score, double error) {
        int d = decimals(score);
        return num(score, d) + " ± " + (Double.isFinite(error) ? num(error, d) : "?");
    }

    static String percent(double p) {
        return String.format(Locale.ROOT, "%+.1f%%", p);
    }

    static String ratio(double r) {
        return Double.isFinite(r) ? String.format(Locale.ROOT, "%.2f×", r) : "?";
    }

    /** {@code [checking=both, n=16]}, or the empty string without parameters. */
    static String params(Map<String, String> params) {
        if (params.isEmpty()) {
            return "";
        }
        StringJoiner j = new StringJoiner(", ", "[", "]");
        params.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }

    /** A percentile key of JMH's JSON ({@code "99.9"}) as a column title ({@code p99.9}). */
    static String percentile(String key) {
        if ("100.0".equals(key)) {
            return "max";
        }
        if ("0.0".equals(key)) {
            return "min";
        }
        return "p" + (key.endsWith(".0") ? key.substring(0, key.length() - 2) : key);
    }
}
