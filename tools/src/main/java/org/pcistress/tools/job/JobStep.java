package org.pcistress.tools.job;

/**
 * One step of the main job (the matrix, the jcstress pass, the benchmark pass). The job gives each
 * step its own folder inside the report and a share of the budget; the step returns what it found.
 * A step that throws is recorded as a harness failure and the job goes on with the next one.
 */
public interface JobStep {

    /** The step's name: its folder in the report, its value for {@code --skip}. */
    String name();

    /** Its share of the budget, relative to the other steps' weights (0: it needs next to no time). */
    int weight(JobPlan plan);

    /**
     * The least time the step can do its work in, whatever the machine: a share below it is
     * refused before the job starts (exit 2), instead of a step killed half way (exit 3).
     */
    default java.time.Duration minimum() {
        return java.time.Duration.ZERO;
    }

    /** {@link #minimum()} for what {@code plan} asks of the step (e.g. how many matrices). */
    default java.time.Duration minimum(JobPlan plan) {
        return minimum();
    }

    /** Runs the step; writes only under {@link StepContext#dir()}. */
    StepResult run(StepContext ctx) throws Exception;
}
