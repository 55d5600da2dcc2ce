package org.pcistress.model.profile;

import java.util.List;

/**
 * A user's lock change, outside core: Keith Busch's 2018 proposal (the rescan lock in
 * sriov_numvfs_store, outermost), and a vendor profile, found through {@link Variants}.
 */
public final class ExampleVariants implements Variants {
    @Override
    public List<Fix> fixes() {
        return List.of(Fix.of("numvfs-rescan-lock",
                "a PF driver whose .sriov_configure runs under the rescan lock cannot take it again",
                p -> p.takeFirst(KernelPath.SRIOV_NUMVFS_STORE, LockStep.RESCAN_REMOVE)));
    }

    @Override
    public List<Profile> profiles() {
        return List.of(Profiles.named("v5.10").renamed("vendor-5.10"));
    }
}
