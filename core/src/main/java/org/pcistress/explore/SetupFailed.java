package org.pcistress.explore;

/**
 * A scenario's setup (the boot and the state it brings the devices to, before any explored task
 * runs) failed: a lock change that deadlocks {@code sriov_numvfs_store} while a scenario enables its
 * VFs fails there, on every schedule. It is a finding of the scenario, not a crash of the explorer:
 * the matrix records it as that cell's verdict ({@code matrix.Matrix#runCell}).
 */
public final class SetupFailed extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient Finding finding;

    SetupFailed(String scenario, Finding finding) {
        super("scenario " + scenario + ": its setup failed: " + finding.title());
        this.finding = finding;
    }

    /** What failed: the kind (DEADLOCK, ...) and the report. */
    public Finding finding() {
        return finding;
    }
}
