package org.pcistress.tools.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The one duration grammar of every duration option ({@code --budget}, {@code --timeout},
 * {@code --time-budget}), as JMH parses all its time options with one {@code TimeValue}: a unit is
 * required ({@code 90s}, {@code 10m}, {@code 4h}, {@code 1h30m}). A bare {@code 10} is refused rather
 * than guessed, as are {@code 1x}, zero and anything over {@link #MAX} (a typo, not a plan).
 */
public final class Durations implements ITypeConverter<Duration> {
    /** The longest duration any option accepts. */
    public static final Duration MAX = Duration.ofDays(7);
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+[hms])+");
    private static final Pattern PART = Pattern.compile("(\\d+)([hms])");
    private static final String EXAMPLES = "like 90s, 10m, 4h or 1h30m (a unit is required)";

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** Parses {@code [Nh][Nm][Ns]} (at least one part, nothing else); refuses zero and more than {@link #MAX}. */
    public static Duration parse(String value) {
        String v = value == null ? "" : value.trim();
        if (!WHOLE.matcher(v).matches()) {
            throw new TypeConversionException("'" + value + "' is not a duration " + EXAMPLES);
        }
        Duration d = Duration.ZERO;
        Matcher m = PART.matcher(v);
        while (m.find()) {
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException tooLong) {
                throw tooLong(value);
            }
            if (n > MAX.toSeconds()) {
                throw tooLong(value);
            }
            d = d.plus(switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
        }
        if (d.isZero()) {
            throw new TypeConversionException("a duration of '" + value + "' is zero");
        }
        if (d.compareTo(MAX) > 0) {
            throw tooLong(value);
        }
        return d;
    }

    private static TypeConversionException tooLong(String value) {
        return new TypeConversionException("'" + value + "' is longer than the most any option accepts ("
                + format(MAX) + ")");
    }

    /** {@code 1h02m}, {@code 9m12s}, {@code 42s}: what {@link #parse} reads back (to the minute above an hour). */
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
