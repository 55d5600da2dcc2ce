package org.pcistress.explore;

/** Follows a given schedule; past its end, runs on without preemptions. */
final class ReplayChooser implements Chooser {
    private final Schedule schedule;
    private String divergence;

    ReplayChooser(Schedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public int choose(Decision d) {
        if (d.step >= schedule.length()) {
            return d.defaultChoice();
        }
        int want = schedule.at(d.step);
        if (!d.isEnabled(want)) {
            StringBuilder b = new StringBuilder();
            for (int e : d.enabled) {
                b.append(b.length() == 0 ? "" : ", ").append(e);
            }
            divergence = "the schedule diverges at step " + (d.step + 1) + ": it runs task " + want
                    + ", but only task(s) " + b + " can run there";
            return -1;
        }
        return want;
    }

    @Override
    public String divergence() {
        return divergence;
    }
}
