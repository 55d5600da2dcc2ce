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
 * @param lock    the lock; {@code null} with a problem, except for a trylock (or _interruptible,
 *                _killable) of a known lock, which has both
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
        if (call.startsWith("lockdep_assert")) {
            return problem(call, "an assertion, not a lock (the model's assert in pci_stop_and_remove_bus_device "
                    + "is a profile feature, RESCAN_LOCKDEP_ASSERT; others are not modelled)");
        }
        if (call.equals("guard") || call.equals("scoped_guard")) {
            return problem(call, "a scoped lock guard (linux/cleanup.h): its scope is not followed");
        }
        if (call.startsWith("pci_dev_")) {
            return problem(call, "pci_dev_lock is two locks of the device, cfg-access and device_lock (the model's "
                    + "PCI_DEV_LOCK path, taken by pci_reset_function); a call of it added or removed is not a change "
                    + "check-patch maps (a change inside pci_dev_lock is)");
        }
        // the blocking call a trylock, _interruptible or _killable form stands for
        String plain = call.startsWith("down_") ? call.replaceFirst("_(trylock|interruptible|killable)$", "")
                : call.replace("_trylock", "_lock").replaceFirst("_lock_(interruptible|killable)$", "_lock");
        Object lock = lock(plain, arg);
        if (lock == null) {
            return null;
        }
        if (lock instanceof String why) {
            return problem(call, why);
        }
        LockName l = (LockName) lock;
        if (!plain.equals(call)) {
            // the lock is known, so a companion that only reorders trylocks can still be read
            return new LockCall(true, l, call, "may fail or not block: the model's locks always block, and what the "
                    + "caller does when it fails is control flow check-patch does not follow");
        }
        return new LockCall(!unlock, l, call, null);
    }

    /** The lock of a plain lock or unlock call; a String when it cannot tell; {@code null} when it is none. */
    private static Object lock(String call, String arg) {
        if (call.equals("pci_lock_rescan_remove") || call.equals("pci_unlock_rescan_remove")) {
            return LockName.RESCAN_REMOVE;
        }
        if (call.startsWith("mutex_")) {
            if (!call.equals("mutex_lock") && !call.equals("mutex_lock_nested") && !call.equals("mutex_unlock")) {
                return call.equals("mutex_is_locked") || call.equals("mutex_init") ? null
                        : "not a lock or unlock the model knows";
            }
            if (arg.equals("pci_rescan_remove_lock")) {
                return LockName.RESCAN_REMOVE;
            }
            if (arg.endsWith("rpc_mutex")) {
                return LockName.RPC_MUTEX;
            }
            // device_lock(dev) is mutex_lock(&dev->mutex): the struct device's own mutex
            String dev = arg.endsWith(".mutex") || arg.endsWith("->mutex")
                    ? arg.substring(0, arg.lastIndexOf(arg.endsWith(".mutex") ? ".mutex" : "->mutex")) : null;
            LockName l = dev == null ? null : device(dev.startsWith("&") ? dev.substring(1) : dev);
            return l != null ? l : "unknown mutex '" + arg + "'; known: pci_rescan_remove_lock, rpc->rpc_mutex, "
                    + "a struct device's mutex (&pdev->dev.mutex, dev->mutex: device_lock)";
        }
        if (call.startsWith("device_")) {
            if (!call.equals("device_lock") && !call.equals("device_unlock")) {
                return call.startsWith("device_lock_") ? "not a lock or unlock the model knows" : null;
            }
            LockName l = device(arg);
            return l != null ? l : "device_lock of '" + arg + "': the model cannot tell which device that is "
                    + "(known: &pdev->dev, dev, dev->parent, &pdev->physfn->dev)";
        }
        if (call.startsWith("down_") || call.startsWith("up_")) {
            boolean read = call.contains("read");
            if (arg.equals("pci_bus_sem")) {
                return read ? LockName.BUS_SEM_READ : LockName.BUS_SEM_WRITE;
            }
            if (arg.matches("\\w+->reset_lock")) {
                return read ? LockName.RESET_LOCK_READ : LockName.RESET_LOCK_WRITE;
            }
            return "unknown rw_semaphore '" + arg + "'; known: pci_bus_sem, ctrl->reset_lock (pciehp)";
        }
        if (call.startsWith("pci_cfg_access_")) {
            return LockName.CFG_ACCESS;
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
