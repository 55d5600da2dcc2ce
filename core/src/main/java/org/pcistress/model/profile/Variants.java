package org.pcistress.model.profile;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Where a user's own lock changes come from, without editing core: a class implementing this,
 * listed in {@code META-INF/services/org.pcistress.model.profile.Variants} of a jar on the class
 * path, adds named fixes (and whole profiles) that every command then knows by name
 * ({@code pcistress matrix --profile v7.0+my-fix}).
 *
 * <pre>{@code
 * public final class MyVariants implements Variants {
 *     public List<Fix> fixes() {
 *         return List.of(Fix.of("numvfs-rescan-lock", "a PF driver's .sriov_configure runs under the rescan lock",
 *                 p -> p.takeFirst(KernelPath.SRIOV_NUMVFS_STORE, LockStep.RESCAN_REMOVE)));
 *     }
 * }
 * }</pre>
 * A name that clashes with a built-in one is refused at load time with a one-line error.
 */
public interface Variants {

    /** Named fixes: {@code Profile -> Profile} functions that compose onto any profile with {@code +}. */
    default List<Fix> fixes() {
        return List.of();
    }

    /** Whole profiles (a vendor kernel, a kernel version not built in). */
    default List<Profile> profiles() {
        return List.of();
    }

    /** Every provider on the class path (the thread's context class loader), in class-path order. */
    static List<Variants> installed() {
        return installed(Thread.currentThread().getContextClassLoader());
    }

    /** Every provider {@code loader} sees. */
    static List<Variants> installed(ClassLoader loader) {
        return ServiceLoader.load(Variants.class, loader).stream().map(ServiceLoader.Provider::get).toList();
    }
}
