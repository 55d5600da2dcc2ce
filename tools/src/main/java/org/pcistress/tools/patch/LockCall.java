package org.pcistress.tools.patch;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pcistress.model.change.LockName;

/**
 * A lock or unlock call found in a line of C, with the lock it is on; or a lock-related call
 * check-patch cannot follow, with the reason ({@link #problem}).
 *
 * @param acquire {@code true} for a lock, {@code false} for an unlock
 * @param lock    the lock, or {@code null} with a problem
 * @param call    the function called ({@code pci_lock_rescan_remove}, {@code down_write_nested})
 * @param problem why it cannot be mapped, or {@code null}
 */
record LockCall(boolean acquire, LockName lock, String call, String problem) {

    private static final Pattern CALL = Pattern.compile(
            "\\b(pci_(?:un)?lock_rescan_remove|mutex_\\w+|device_(?:un|try)?lock\\w*|pci_dev_(?:un|try)?lock"
                    + "|(?:down|up)_(?:read|write)\\w*|pci_cfg_access_(?:un|try)?lock|lockdep_assert\\w*"
                    + "|scoped_guard|guard)\\s*\\(([^;]*)");

    /** Every lock-related call in {@code code} (comments and strings already removed), in order. */
    static List<LockCall> scan(String code) {
        List<LockCall> out = new ArrayList<>();
        Matcher m = CALL.matcher(code);
        while (m.find()) {
            LockCall c = of(m.group(1), argument(m.group(2)));
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /** The first argument, without {@code &} and spaces. */
    private static String argument(String rest) {
        int depth = 0;
        StringBuilder b = new StringBuilder();
        for (char ch : rest.toCharArray()) {
            if (ch == '(') {
                depth++;
            } else if (ch == ')' && depth-- == 0 || ch == ',' && depth == 0) {
                break;
            }
            b.append(ch);
        }
        return b.toString().replace(" ", "").replaceFirst("^&", "");
    }

    private static LockCall of(String call, String arg) {
        boolean unlock = call.contains("unlock") || call.startsWith("up_");
        if (call.equals("pci_lock_rescan_remove") || call.equals("pci_unlock_rescan_remove")) {
            return new LockCall(!unlock, LockName.RESCAN_REMOVE, call, null);
        }
        if (call.startsWith("lockdep_assert")) {
            return problem(call, "an assertion, not a lock (the model's assert in pci_stop_and_remove_bus_device "
                    + "is a profile feature, RESCAN_LOCKDEP_ASSERT; others are not modelled)");
        }
        if (call.equals("guard") || call.equals("scoped_guard")) {
            return problem(call, "a scoped lock guard (linux/cleanup.h): its scope is not followed");
        }
        if (call.startsWith("pci_dev_")) {
            return problem(call, "pci_dev_lock (pci_cfg_access_lock + device_lock, the reset paths) is not modelled");
        }
        if (call.contains("trylock") || call.contains("interruptible") || call.contains("killable")) {
            return problem(call, "may fail or not block: the model's locks always block, and what the caller "
                    + "does when it fails is control flow check-patch does not follow");
        }
        if (call.startsWith("mutex_")) {
            if (!call.equals("mutex_lock") && !call.equals("mutex_lock_nested") && !call.equals("mutex_unlock")) {
                return call.equals("mutex_is_locked") || call.equals("mutex_init") ? null
                        : problem(call, "not a lock or unlock the model knows");
            }
            if (arg.equals("pci_rescan_remove_lock")) {
                return new LockCall(!unlock, LockName.RESCAN_REMOVE, call, null);
            }
            if (arg.endsWith("rpc_mutex")) {
                return new LockCall(!unlock, LockName.RPC_MUTEX, call, null);
            }
            return problem(call, "unknown mutex '" + arg + "'; known: pci_rescan_remove_lock, rpc->rpc_mutex");
        }
        if (call.startsWith("device_")) {
            if (!call.equals("device_lock") && !call.equals("device_unlock")) {
                return call.startsWith("device_lock_") ? problem(call, "not a lock or unlock the model knows") : null;
            }
            LockName l = device(arg);
            return l == null ? problem(call, "device_lock of '" + arg + "': the model cannot tell which device that is "
                    + "(known: &pdev->dev, dev, dev->parent, &pdev->physfn->dev)") : new LockCall(!unlock, l, call, null);
        }
        if (call.startsWith("down_") || call.startsWith("up_")) {
            if (!arg.equals("pci_bus_sem")) {
                return problem(call, "unknown rw_semaphore '" + arg + "'; known: pci_bus_sem");
            }
            return new LockCall(!unlock, call.contains("read") ? LockName.BUS_SEM_READ : LockName.BUS_SEM_WRITE, call, null);
        }
        if (call.startsWith("pci_cfg_access_")) {
            return new LockCall(!unlock, LockName.CFG_ACCESS, call, null);
        }
        return null;
    }

    private static LockName device(String arg) {
        if (arg.contains("physfn")) {
            return LockName.DEVICE_PF;
        }
        if (arg.endsWith("->parent") || arg.endsWith(".parent")) {
            return LockName.DEVICE_PARENT;
        }
        if (arg.matches("\\w+->dev|\\w+") && !arg.equals("NULL")) {
            return LockName.DEVICE;
        }
        return null;
    }

    private static LockCall problem(String call, String why) {
        return new LockCall(false, null, call, why);
    }

    /** {@code down_write_nested} is {@code down_write} with a lockdep subclass. */
    boolean nested() {
        return call.endsWith("_nested");
    }
}
