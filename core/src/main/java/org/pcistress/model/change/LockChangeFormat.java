package org.pcistress.model.change;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes lock changes ({@code .lock} files). One statement a line; {@code #} starts a
 * comment; blank lines are ignored:
 *
 * <pre>
 * name     numvfs-rescan                 (default: the file name without .lock)
 * cite     a5338e365c45 "PCI/IOV: Fix race between SR-IOV enable/disable and hotplug"
 * gives-up a PF driver's .sriov_configure runs under the rescan lock
 * in sriov_numvfs_store: take pci_rescan_remove_lock around sriov_configure
 * in sriov_add_vfs: drop pci_rescan_remove_lock around pci_iov_add_virtfn
 * in __driver_attach: order device_lock(dev->parent), device_lock(dev) around driver_probe_device
 * in eeh_handle_normal_event: call eeh_pe_bus_get_nolock instead of eeh_pe_bus_get
 * </pre>
 *
 * A {@code take} may end in {@code outermost} or {@code innermost}. Every function, place, lock and
 * variant is checked against {@link ModelledFunctions}; a wrong one is a {@link BadLockChange}
 * naming the known ones.
 */
public final class LockChangeFormat {
    private static final Pattern CHANGE = Pattern.compile("in\\s+(\\S+?)\\s*:\\s*(.*)");
    private static final Pattern TAKE = Pattern.compile("take\\s+(\\S+)\\s+(at entry|around\\s+\\S+)(?:\\s+(outermost|innermost))?");
    private static final Pattern DROP = Pattern.compile("drop\\s+(\\S+)(?:\\s+(at entry|around\\s+\\S+))?");
    private static final Pattern ORDER = Pattern.compile("order\\s+(.+?)\\s+(at entry|around\\s+\\S+)");
    private static final Pattern CALL = Pattern.compile("call\\s+(\\S+)\\s+instead\\s+of\\s+(\\S+)");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private LockChangeFormat() {
    }

    /** Reads {@code file}; the name defaults to the file name without {@code .lock}. */
    public static LockChange load(Path file) {
        return load(file, file.toString());
    }

    /** Reads {@code file}, named {@code shown} in messages (the path as the user wrote it). */
    public static LockChange load(Path file, String shown) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadLockChange("cannot read lock change " + shown + ": no such file");
        } catch (IOException e) {
            throw new BadLockChange("cannot read lock change " + shown + ": " + e.getMessage());
        }
        String stem = file.getFileName().toString().replaceFirst("\\.lock$", "");
        return parse(text, shown, stem);
    }

    /**
     * Parses {@code text}; {@code source} prefixes error messages ({@code my.lock:3: …}).
     *
     * @throws BadLockChange for anything the format or the model does not know
     */
    public static LockChange parse(String text, String source, String defaultName) {
        String name = null;
        String cite = null;
        String givesUp = null;
        List<LockOp> ops = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String at = source + ":" + (i + 1) + ": ";
            String line = lines[i].replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String word = line.split("\\s+", 2)[0];
            String rest = line.substring(word.length()).strip();
            switch (word) {
                case "name":
                    name = once(at, "name", name, rest);
                    if (!NAME.matcher(name).matches()) {
                        throw new BadLockChange(at + "a name is letters, digits, '.', '_' and '-' (no '+'): '" + name + "'");
                    }
                    break;
                case "cite":
                    cite = once(at, "cite", cite, rest);
                    break;
                case "gives-up":
                    givesUp = once(at, "gives-up", givesUp, rest);
                    break;
                case "in":
                    ops.add(change(at, line));
                    break;
                default:
                    throw new BadLockChange(at + "expected name, cite, gives-up or 'in FUNCTION: …', got '" + word + "'");
            }
        }
        if (ops.isEmpty()) {
            throw new BadLockChange(source + ": no change lines (in FUNCTION: take|drop|order|call …)");
        }
        String n = name != null ? name : defaultName;
        if (n == null || !NAME.matcher(n).matches()) {
            throw new BadLockChange(source + ": give the change a name (name NAME): '" + n + "' is not one");
        }
        return new LockChange(n, cite, givesUp, ops);
    }

    private static String once(String at, String key, String old, String value) {
        if (old != null) {
            throw new BadLockChange(at + "a second '" + key + "' line");
        }
        if (value.isEmpty()) {
            throw new BadLockChange(at + "'" + key + "' needs a value");
        }
        return value;
    }

    private static LockOp change(String at, String line) {
        Matcher m = CHANGE.matcher(line);
        if (!m.matches()) {
            throw new BadLockChange(at + "expected 'in FUNCTION: take|drop|order|call …', got '" + line + "'");
        }
        ModelledFunction f = ModelledFunctions.named(m.group(1));
        if (f == null) {
            throw new BadLockChange(at + "unknown function '" + m.group(1) + "'; known: "
                    + String.join(", ", ModelledFunctions.names()));
        }
        String body = m.group(2).strip();
        Matcher t = TAKE.matcher(body);
        if (t.matches()) {
            LockOp.Placement pl = t.group(3) == null ? LockOp.Placement.DEFAULT
                    : LockOp.Placement.valueOf(t.group(3).toUpperCase(java.util.Locale.ROOT));
            return released(at, LockOp.take(f.name(), place(at, f, t.group(2)), lock(at, t.group(1)), pl));
        }
        Matcher d = DROP.matcher(body);
        if (d.matches()) {
            return released(at, LockOp.drop(f.name(), place(at, f, d.group(2)), lock(at, d.group(1))));
        }
        Matcher o = ORDER.matcher(body);
        if (o.matches()) {
            List<LockName> locks = new ArrayList<>();
            for (String l : o.group(1).split(",")) {
                LockName n = lock(at, l);
                if (locks.contains(n)) {
                    throw new BadLockChange(at + "'" + n.text() + "' twice in one order");
                }
                locks.add(n);
            }
            LockOp op = LockOp.order(f.name(), place(at, f, o.group(2)), locks);
            if (op.site().release() != null) {
                throw new BadLockChange(at + f.name() + " " + op.site().where() + " lets go of its caller's "
                        + op.site().release().lock().text() + ": only 'drop' (let go) or 'take' (keep it held) goes there");
            }
            return op;
        }
        Matcher c = CALL.matcher(body);
        if (c.matches()) {
            return variant(at, f, c.group(1), c.group(2));
        }
        throw new BadLockChange(at + "expected take LOCK at entry|around CALL [outermost|innermost], drop LOCK [at entry|around CALL], "
                + "order LOCK, LOCK… at entry|around CALL, or call VARIANT instead of CALL; got '" + body + "'");
    }

    /** {@code op}, checked at a place where the function lets go of its caller's lock: only that lock goes there. */
    private static LockOp released(String at, LockOp op) {
        Release r = op.site().release();
        if (r != null && op.locks().get(0) != r.lock()) {
            throw new BadLockChange(at + op.function() + " " + op.site().where() + " can let go of (drop) or keep "
                    + "(take) only " + r.lock().text() + ", which " + r.holder() + " holds; not " + op.locks().get(0).text());
        }
        if (r != null && op.placement() != LockOp.Placement.DEFAULT) {
            throw new BadLockChange(at + "'" + op.placement().name().toLowerCase(java.util.Locale.ROOT) + "' means "
                    + "nothing where " + op.function() + " lets go of its caller's lock");
        }
        return op;
    }

    /** The call a place names ({@code null} for the body), checked against {@code f}. */
    private static String place(String at, ModelledFunction f, String where) {
        if (where == null) {
            if (f.sites().size() == 1) {
                return f.sites().get(0).call();
            }
            throw new BadLockChange(at + "say where in " + f.name() + ": " + String.join(", ", f.places()));
        }
        if (where.equals("at entry")) {
            if (f.entry() == null) {
                throw new BadLockChange(at + f.name() + " has no place 'at entry' in the model; known: "
                        + String.join(", ", f.places()));
            }
            return null;
        }
        String call = where.substring("around".length()).strip().replaceFirst("\\(\\)$", "");
        if (f.around(call) == null) {
            throw new BadLockChange(at + f.name() + " has no place around '" + call + "' in the model; known: "
                    + String.join(", ", f.places()));
        }
        return call;
    }

    private static LockName lock(String at, String text) {
        LockName l = LockName.parse(text);
        if (l == null) {
            throw new BadLockChange(at + "unknown lock '" + text.strip() + "'; known: " + String.join(", ", LockName.known()));
        }
        return l;
    }

    private static LockOp variant(String at, ModelledFunction f, String name, String of) {
        Variant v = ModelledFunctions.variant(name);
        if (v == null) {
            throw new BadLockChange(at + "unknown lock-free variant '" + name + "'; known: "
                    + String.join(", ", ModelledFunctions.variantNames()));
        }
        if (!v.of().equals(of)) {
            throw new BadLockChange(at + name + " stands in for " + v.of() + ", not '" + of + "'");
        }
        if (!v.callers().contains(f.name())) {
            throw new BadLockChange(at + "the model calls " + v.of() + " only from " + String.join(", ", v.callers())
                    + ", not from " + f.name());
        }
        return LockOp.callVariant(f.name(), name);
    }
}
