package org.pcistress.tools.stress;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Budgets as people write them: {@code 90s}, {@code 3m}, {@code 10m}, {@code 1h30m}. */
public final class Durations implements ITypeConverter<Duration> {
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+[hms])+");
    private static final Pattern PART = Pattern.compile("(\\d+)([hms])");
    /** The longest duration any command takes: longer is a typo (and would overflow the clocks). */
    public static final Duration MAX = Duration.ofHours(100);

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** Parses {@code [Nh][Nm][Ns]} (at least one part, nothing else); rejects zero. */
    public static Duration parse(String value) {
        String v = value == null ? "" : value.trim();
        if (!WHOLE.matcher(v).matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration like 90s, 3m, 10m or 1h30m");
        }
        Duration d = Duration.ZERO;
        Matcher m = PART.matcher(v);
        while (m.find()) {
            // more than 9 digits is more than MAX in any unit: refused below without overflowing
            long n = m.group(1).replaceFirst("^0+(?=.)", "").length() > 9 ? Long.MAX_VALUE / 3600
                    : Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
            if (d.compareTo(MAX) > 0) {
                throw new TypeConversionException("'" + value + "' is longer than " + format(MAX)
                        + ", the longest a command may run");
            }
        }
        if (d.isZero()) {
            throw new TypeConversionException("a budget of '" + value + "' is zero");
        }
        return d;
    }

    /** {@code 1h02m}, {@code 9m12s}, {@code 42s}. */
    public static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 3600) {
            return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return s % 60 == 0 ? (s / 60) + "m" : String.format("%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
