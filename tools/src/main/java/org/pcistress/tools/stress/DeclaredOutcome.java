package org.pcistress.tools.stress;

/**
 * One {@code @Outcome} a test declares.
 *
 * @param id the outcome word, or {@code ""} for a catch-all
 * @param expect {@code ACCEPTABLE}, {@code ACCEPTABLE_INTERESTING} or {@code FORBIDDEN}
 * @param desc its description
 */
public record DeclaredOutcome(String id, String expect, String desc) {
    public static final String ACCEPTABLE = "ACCEPTABLE";
    public static final String INTERESTING = "ACCEPTABLE_INTERESTING";
    public static final String FORBIDDEN = "FORBIDDEN";

    /** jcstress's EXPECT column word for an {@code Expect} name. */
    public static String printed(String expect) {
        return switch (expect) {
            case ACCEPTABLE -> "Acceptable";
            case INTERESTING -> "Interesting";
            case FORBIDDEN -> "Forbidden";
            default -> "Unknown";
        };
    }

    /** The {@code Expect} name for a word of jcstress's EXPECT column. */
    public static String fromPrinted(String printed) {
        return switch (printed) {
            case "Acceptable" -> ACCEPTABLE;
            case "Interesting" -> INTERESTING;
            case "Forbidden" -> FORBIDDEN;
            default -> "UNKNOWN";
        };
    }
}
