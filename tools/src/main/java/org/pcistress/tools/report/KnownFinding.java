package org.pcistress.tools.report;

import java.util.Set;

/**
 * One group of failing matrix cells triaged in docs/FINDINGS.md: a known upstream bug, a
 * plausible one, under one profile.
 *
 * @param id      the anchor of its row in docs/FINDINGS.md ({@code v7.0-s1})
 * @param profile the kernel profile ({@code v7.0})
 * @param group   the group's title
 * @param klass   the triage class, as written ({@code (a) known}, {@code (b) plausible, ~70 %})
 * @param cells   the cells it explains
 */
public record KnownFinding(String id, String profile, String group, String klass, Set<String> cells) {
    public KnownFinding {
        cells = Set.copyOf(cells);
    }
}
