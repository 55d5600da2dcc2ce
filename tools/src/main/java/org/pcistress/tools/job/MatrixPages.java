package org.pcistress.tools.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pcistress.explore.matrix.MatrixResult;
import org.pcistress.tools.job.Specs.Spec;
import org.pcistress.tools.cli.Html;
import org.pcistress.tools.matrix.MatrixJunit;
import org.pcistress.tools.report.JunitSuite;
import org.pcistress.tools.report.JunitXml;
import org.pcistress.tools.report.KnownFindings;

/**
 * The matrix step's pages beside the matrices: diffs.html (diffs.md for a browser), triage.json
 * and junit.xml (every cell judged against docs/FINDINGS.md and the previous report), and links
 * from each matrix.html back to the report.
 */
final class MatrixPages {
    /** The link back from a step's page one folder down (bench/report.html, matrix/diffs.html). */
    static final String BACK = "<p class=\"nav\"><a href=\"../index.html\">&larr; report index</a></p>\n";
    static final String NAV = "<p class=\"nav\"><a href=\"../../index.html\">&larr; report index</a> \u00b7 "
            + "<a href=\"../diffs.html\">matrix diffs</a></p>\n";

    private MatrixPages() {
    }

    /** diffs.md as a page: its headings as headings, its code blocks as pre, a link back to the index. */
    static String diffsHtml(String md) {
        StringBuilder h = new StringBuilder(Html.head("pcistress matrix diffs"))
                .append(BACK);
        boolean pre = false;
        for (String line : md.split("\n", -1)) {
            if (line.startsWith("```")) {
                h.append(pre ? "</pre>\n" : "<pre>");
                pre = !pre;
            } else if (pre) {
                h.append(Html.esc(line)).append('\n');
            } else if (line.startsWith("## ")) {
                h.append("<h2>").append(Html.esc(line.substring(3))).append("</h2>\n");
            } else if (line.startsWith("# ")) {
                h.append("<h1>").append(Html.esc(line.substring(2))).append("</h1>\n");
            } else if (!line.isBlank()) {
                h.append("<p>").append(Html.esc(line)).append("</p>\n");
            }
        }
        if (pre) {
            h.append("</pre>\n");
        }
        return h.append(Html.tail()).toString();
    }

    /** triage.json and junit.xml for the matrices that ran. */
    static Map<Spec, MatrixTriage.Row> triageAndJunit(Path dir, Map<Spec, MatrixResult> results,
                                                      Map<Spec, Map<String, String>> worse, Instant now) throws IOException {
        KnownFindings known = KnownFindings.bundled();
        Map<Spec, MatrixTriage.Row> rows = new LinkedHashMap<>();
        List<JunitSuite> suites = new ArrayList<>();
        results.forEach((spec, m) -> {
            rows.put(spec, MatrixTriage.row(m, known));
            suites.add(MatrixJunit.suite(m, "pcistress matrix --profile " + spec, now, known,
                    worse.getOrDefault(spec, Map.of())));
        });
        new MatrixTriage(List.copyOf(rows.values())).write(dir.resolve(MatrixTriage.FILE));
        JunitXml.write(dir.resolve("junit.xml"), "pcistress run: matrix", suites);
        // this one judges against the previous report too: each matrix's own would count every cell twice
        for (Spec spec : results.keySet()) {
            Files.deleteIfExists(dir.resolve(spec.toString()).resolve("junit.xml"));
        }
        return rows;
    }

    /**
     * Puts the navigation line after {@code <body>} of a matrix.html in the report (once), and, when
     * the triage is known, which failing cells docs/FINDINGS.md explains and which are new.
     */
    static void addBackLinks(Path matrixHtml, MatrixTriage.Row row) {
        insertAfterBody(matrixHtml, NAV + (row == null ? "" : triage(matrixHtml.getParent(), row)));
    }

    /** Puts {@code fragment} right after {@code <body>} of the page {@code html}, once; a missing page stays missing. */
    static void insertAfterBody(Path html, String fragment) {
        try {
            if (!Files.isRegularFile(html)) {
                return;
            }
            String page = Files.readString(html, StandardCharsets.UTF_8);
            int body = page.indexOf("<body>");
            if (body < 0 || page.contains(fragment)) {
                return;
            }
            int at = body + "<body>".length();
            Files.writeString(html, page.substring(0, at) + "\n" + fragment + page.substring(at), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // the page stays as its command wrote it
        }
    }

    /** One paragraph: the failing cells each FINDINGS.md entry explains (linked), and the new ones. */
    static String triage(Path dir, MatrixTriage.Row row) {
        String findings = KnownFindings.sourceFile().map(f -> IndexPage.rel(dir, f)).orElse(null);
        List<String> known = new ArrayList<>();
        for (MatrixTriage.Known k : row.known()) {
            String title = Html.esc(k.group() + " (" + k.klass() + ")");
            known.add((findings == null ? "<code title=\"" + title + "\">" + Html.esc(k.id()) + "</code>"
                    : "<a href=\"" + Html.esc(findings) + "#" + Html.esc(k.id()) + "\" title=\"" + title + "\">"
                    + Html.esc(k.id()) + "</a>") + " &times;" + k.cells().size());
        }
        StringBuilder p = new StringBuilder("<p class=\"triage\">Failing cells known to docs/FINDINGS.md: ")
                .append(known.isEmpty() ? "none" : String.join(", ", known)).append(". New (not in FINDINGS.md): ");
        if (!row.triaged() && row.failing() > 0) {
            p.append("not triaged (no section for this profile)");
        } else if (row.unknown().isEmpty()) {
            p.append("none");
        } else {
            List<String> cells = new ArrayList<>();
            row.unknown().forEach(c -> cells.add("<a href=\"#cell-" + Html.esc(c.replace('+', '-')) + "\"><strong>"
                    + Html.esc(c) + "</strong></a>"));
            p.append(String.join(" ", cells));
        }
        return p.append(".</p>\n").toString();
    }
}
