package org.pcistress.tools.job;

/**
 * Where a whole run stands, as job.json's {@code state} says it. Only {@link #COMPLETE} makes a
 * report a baseline for the next run ({@link Baselines}).
 */
public enum JobState {
    /** Being written by a live job (which holds the folder's {@link ReportLock}). */
    RUNNING,
    /** Every step finished and the exit code is recorded. */
    COMPLETE,
    /** Stopped from outside (SIGINT, SIGTERM, SIGHUP, a CI cancel) during the step it names. */
    INTERRUPTED,
    /** The job could not go on (its report could not be written: a full disk). */
    FAILED
}
