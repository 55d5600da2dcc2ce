package org.pcistress.tools.patch;

import org.pcistress.model.change.LockOp;

/** The first part of check-patch's output: the lock change it derived, its notes, what it could not map. */
final class Report {
    private Report() {
    }

    static String mapping(String patch, UnifiedDiff diff, Mapping m) {
        StringBuilder s = new StringBuilder();
        s.append("check-patch ").append(patch);
        if (!diff.subject().isBlank()) {
            s.append(": ").append(diff.subject());
        }
        s.append('\n').append("files: ");
        s.append(String.join(", ", diff.files().stream().map(UnifiedDiff.FilePatch::path).toList())).append("\n\n");
        s.append("lock change (the .lock format; --write-lock FILE keeps it):\n");
        s.append("  name ").append(m.change().name()).append('\n');
        if (!m.change().cite().isBlank()) {
            s.append("  cite ").append(m.change().cite()).append('\n');
        }
        for (LockOp op : m.change().ops()) {
            String src = m.sources().get(op.text());
            s.append("  ").append(op.text()).append(src == null ? "" : "   # " + src).append('\n');
        }
        if (m.change().ops().isEmpty()) {
            s.append("  (no line)\n");
        }
        if (!m.notes().isEmpty()) {
            s.append("\nnotes:\n");
            m.notes().forEach(n -> s.append("  ").append(n).append('\n'));
        }
        s.append('\n').append("not mapped (").append(m.unmapped().size()).append(")").append(m.complete() ? "\n" : ":\n");
        m.unmapped().forEach(u -> s.append("  ").append(u.describe()).append('\n'));
        if (m.unmapped().stream().anyMatch(u -> u.reason().contains(PatchMapper.NOT_MODELLED))) {
            s.append("  (the files a lock change can name: ")
                    .append(String.join(", ", org.pcistress.model.change.ModelledFunctions.files())).append(")\n");
        }
        s.append(m.ignored()).append(" changed line(s) without a lock call or lock variant: not lock changes\n");
        return s.toString();
    }
}
