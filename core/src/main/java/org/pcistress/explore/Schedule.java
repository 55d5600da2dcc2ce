package org.pcistress.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A schedule: at each step of an execution, which task ran (its explored-task index: the actors
 * 0..n-1 in scenario order, then the tasks they spawned in creation order). Written either dotted,
 * one entry per step ({@code 0.0.1.1.2.0}), or compact with run lengths ({@code 0x2.1x2.2.0}).
 * Replaying a schedule that ends before the execution does continues without preemptions.
 */
public final class Schedule {
    private final int[] choices;

    private Schedule(int[] choices) {
        this.choices = choices;
    }

    public static Schedule of(int... choices) {
        return new Schedule(choices.clone());
    }

    /**
     * Parses either form; entries are separated by dots, commas or spaces, {@code ixN} (or
     * {@code i*N}) repeats {@code i} N times.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static Schedule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty schedule: expected e.g. 0.0.1.1.2.0 or 0x2.1x2.2.0");
        }
        List<Integer> out = new ArrayList<>();
        for (String tok : text.trim().split("[.,\\s]+")) {
            if (tok.isEmpty()) {
                continue;
            }
            String[] parts = tok.split("[x*]", -1);
            if (parts.length > 2) {
                throw new IllegalArgumentException("bad schedule entry '" + tok + "': expected N or NxCOUNT");
            }
            int task = number(parts[0], tok);
            int count = parts.length == 2 ? number(parts[1], tok) : 1;
            if (count < 1) {
                throw new IllegalArgumentException("bad schedule entry '" + tok + "': a count must be at least 1");
            }
            for (int i = 0; i < count; i++) {
                out.add(task);
            }
        }
        return new Schedule(out.stream().mapToInt(Integer::intValue).toArray());
    }

    private static int number(String s, String tok) {
        try {
            int v = Integer.parseInt(s);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad schedule entry '" + tok + "': expected N or NxCOUNT", e);
        }
    }

    public int length() {
        return choices.length;
    }

    public int at(int step) {
        return choices[step];
    }

    public int[] toArray() {
        return choices.clone();
    }

    /** One entry per step: {@code 0.0.1.1.2.0}. */
    public String dotted() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < choices.length; i++) {
            if (i > 0) {
                b.append('.');
            }
            b.append(choices[i]);
        }
        return b.toString();
    }

    /** Run lengths: {@code 0x2.1x2.2.0}. */
    public String compact() {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < choices.length) {
            int j = i;
            while (j < choices.length && choices[j] == choices[i]) {
                j++;
            }
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(choices[i]);
            if (j - i > 1) {
                b.append('x').append(j - i);
            }
            i = j;
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schedule && Arrays.equals(choices, ((Schedule) o).choices);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(choices);
    }

    @Override
    public String toString() {
        return compact();
    }
}
