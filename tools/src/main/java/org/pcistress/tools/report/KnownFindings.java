package org.pcistress.tools.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The triage of docs/FINDINGS.md as data, so a report can say of each failing cell whether it is a
 * known finding (and link its row) or new. Read from the group tables: under a {@code ## PROFILE}
 * heading, a row whose first column starts with {@code <a id="ID"></a>} lists its cells as
 * backticked keys in the third column. A section may say {@code <!-- findings: as v6.18 -->} to take
 * another profile's groups (the ids stay the other profile's).
 * The build copies docs/FINDINGS.md into the jar; a jar without it knows no findings.
 */
public final class KnownFindings {
    static final String RESOURCE = "/org/pcistress/tools/FINDINGS.md";
    private static final Pattern PROFILE = Pattern.compile("^## (v\\d[\\w.+-]*)\\s*$");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*<a id=\"([\\w.+-]+)\"></a>\\s*([^|]*)\\|([^|]*)\\|([^|]*)\\|");
    private static final Pattern ALIAS = Pattern.compile("<!-- findings: as (v\\d[\\w.+-]*) -->");
    private static final Pattern CELL = Pattern.compile("`([a-z0-9_]+(?:\\+[a-z0-9_]+)?)`");

    private final Map<String, List<KnownFinding>> byProfile;

    KnownFindings(Map<String, List<KnownFinding>> byProfile) {
        this.byProfile = byProfile;
    }

    /** The findings in this jar's copy of docs/FINDINGS.md. */
    public static KnownFindings bundled() {
        try (InputStream in = KnownFindings.class.getResourceAsStream(RESOURCE)) {
            return in == null ? new KnownFindings(Map.of()) : parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static KnownFindings parse(InputStream markdown) throws IOException {
        Map<String, List<KnownFinding>> map = new LinkedHashMap<>();
        Map<String, String> aliases = new LinkedHashMap<>();
        String profile = null;
        BufferedReader r = new BufferedReader(new InputStreamReader(markdown, StandardCharsets.UTF_8));
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            Matcher p = PROFILE.matcher(line);
            if (p.matches()) {
                profile = p.group(1);
                continue;
            }
            if (line.startsWith("## ")) {
                profile = null;
                continue;
            }
            if (profile == null) {
                continue;
            }
            Matcher a = ALIAS.matcher(line);
            if (a.find()) {
                aliases.put(profile, a.group(1));
            }
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                Set<String> cells = new LinkedHashSet<>();
                Matcher c = CELL.matcher(row.group(4));
                while (c.find()) {
                    cells.add(c.group(1));
                }
                map.computeIfAbsent(profile, k -> new ArrayList<>()).add(new KnownFinding(row.group(1), profile,
                        row.group(2).trim(), row.group(3).trim(), cells));
            }
        }
        aliases.forEach((to, from) -> map.putIfAbsent(to, map.getOrDefault(from, List.of())));
        return new KnownFindings(map);
    }

    /** Whether FINDINGS.md triaged this spec's profile at all. */
    public boolean triaged(String spec) {
        return profileOf(spec) != null;
    }

    /** The findings that explain {@code cell} under {@code spec} (a profile, perhaps with fixes). */
    public List<KnownFinding> explain(String spec, String cell) {
        String profile = profileOf(spec);
        if (profile == null) {
            return List.of();
        }
        return byProfile.get(profile).stream().filter(f -> f.cells().contains(cell)).toList();
    }

    /** The longest triaged profile that {@code spec} starts with ({@code v7.0+fix} → {@code v7.0}). */
    String profileOf(String spec) {
        String best = null;
        for (String p : byProfile.keySet()) {
            if ((spec.equals(p) || spec.startsWith(p + "+")) && (best == null || p.length() > best.length())) {
                best = p;
            }
        }
        return best;
    }

    /**
     * docs/FINDINGS.md of the checkout this code was built in ({@code tools/target/pcistress.jar} or
     * {@code tools/target/classes} three levels below it), when it is there: what a report links to.
     */
    public static Optional<Path> sourceFile() {
        try {
            Path here = Path.of(KnownFindings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = here.toAbsolutePath().getParent().getParent().getParent();
            Path file = root.resolve("docs").resolve("FINDINGS.md");
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public int size() {
        return byProfile.values().stream().mapToInt(List::size).sum();
    }
}
