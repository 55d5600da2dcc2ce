package org.pcistress.tools.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnownFindingsTest {
    private static final String SAMPLE = String.join("\n",
            "# Triage",
            "## Counts",
            "| <a id=\"not-a-profile\"></a>x | y | `bind_pf` | z |",
            "## v5.10",
            "| group | class | cells | cause |",
            "|---|---|---|---|",
            "| <a id=\"v5.10-s1\"></a>S1 AER against SR-IOV | (a) known | 2: `bind_pf+aer`, `numvfs_n+aer` | the 2017 report |",
            "| <a id=\"v5.10-s6\"></a>S6 EEH | (b) plausible | 1: `eeh_vf` | mail |",
            "## v5.11",
            "<!-- findings: as v5.10 -->",
            "## v6.19+revert",
            "| <a id=\"v6.19-revert-warn\"></a>WARN | (b) plausible | 1: `unbind_pf` | assert |",
            "");

    private static KnownFindings sample() throws IOException {
        return KnownFindings.parse(new ByteArrayInputStream(SAMPLE.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void rowsWithAnAnchorUnderAProfileAreFindings() throws IOException {
        KnownFindings k = sample();
        assertEquals(5, k.size(), "v5.10's two groups, again under v5.11, and one");
        List<KnownFinding> f = k.explain("v5.10", "numvfs_n+aer");
        assertEquals(1, f.size());
        assertEquals("v5.10-s1", f.get(0).id());
        assertEquals("(a) known", f.get(0).klass());
        assertEquals(List.of(), k.explain("v5.10", "bind_pf"), "the Counts table is no profile");
        assertEquals("v5.10-s6", k.explain("v5.11", "eeh_vf").get(0).id(), "an alias takes the other profile's rows");
    }

    @Test
    void aSpecWithFixesIsJudgedByItsProfile() throws IOException {
        KnownFindings k = sample();
        assertEquals("v6.19-revert-warn", k.explain("v6.19+revert+list-snapshot", "unbind_pf").get(0).id());
        assertTrue(k.triaged("v6.19+revert+list-snapshot"));
        assertFalse(k.triaged("v6.19"), "v6.19 is not v6.19+revert");
        assertFalse(k.triaged("v4.14"));
    }

    @Test
    void theBundledTriageCoversEveryCurrentProfileAndCountsItsCells() throws IOException {
        KnownFindings k = KnownFindings.bundled();
        for (String profile : org.pcistress.tools.job.Specs.CURRENT.profiles()) {
            assertTrue(k.triaged(profile), profile + " has a section with anchored rows in docs/FINDINGS.md");
        }
        assertEquals("v4.14-s1", k.explain("v4.14", "bind_pf+aer").get(0).id());
        try (var in = KnownFindings.class.getResourceAsStream(KnownFindings.RESOURCE)) {
            String md = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            var row = java.util.regex.Pattern.compile("<a id=\"([^\"]+)\"></a>[^|]*\\|[^|]*\\|\\s*(\\d+): ([^|]*)\\|")
                    .matcher(md);
            int rows = 0;
            while (row.find()) {
                rows++;
                long listed = row.group(3).chars().filter(c -> c == '`').count() / 2;
                assertEquals(Long.parseLong(row.group(2)), listed, row.group(1) + ": the count and the cells listed");
            }
            assertTrue(rows >= 10, "anchored rows found: " + rows);
        }
    }
}
