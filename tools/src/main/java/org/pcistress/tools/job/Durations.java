package org.pcistress.tools.job;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations the way people type them: {@code 15m}, {@code 90s}, {@code 1h30m}, {@code 2h}. */
public final class Durations implements ITypeConverter<Duration> {
    private static final Pattern WHOLE = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    /** Parses {@code text}; throws {@link TypeConversionException} with a one-line reason. */
    public static Duration parse(String text) {
        Matcher m = WHOLE.matcher(text == null ? "" : text.trim());
        if (text == null || text.isBlank() || !m.matches()) {
            throw new TypeConversionException("bad duration '" + text + "': use e.g. 15m, 90s, 1h30m");
        }
        Duration d = Duration.ofHours(part(m, 1)).plusMinutes(part(m, 2)).plusSeconds(part(m, 3));
        if (d.isZero()) {
            throw new TypeConversionException("bad duration '" + text + "': must be longer than 0s");
        }
        return d;
    }

    /** {@code 1h02m03s}, {@code 4m05s}, {@code 7s}: the inverse of {@link #parse}. */
    public static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 3600) {
            return String.format("%dh%02dm%02ds", s / 3600, s % 3600 / 60, s % 60);
        }
        return s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }

    private static long part(Matcher m, int group) {
        String g = m.group(group);
        return g == null ? 0 : Long.parseLong(g);
    }
}
