package org.pcistress.kernel.locking;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lock-class dependency graph of one {@link Lockdep}: a node per class name, an edge per
 * ordered pair of classes ever nested, and the search for a strong path between two classes.
 * Not thread-safe: {@link Lockdep} calls it under its graph lock only.
 *
 * <p>An edge {@code X -> Y} carries the set of its dependency types (lockdep-design.rst,
 * "Dependency types and strong dependency paths"): the first letter says how {@code X} was held
 * ({@code E} exclusive, {@code S} shared, any reader), the second how {@code Y} was taken
 * ({@code N} a writer or non-recursive reader, {@code R} a recursive reader).
 */
final class LockdepGraph {
    static final int EN = 1;
    static final int ER = 2;
    static final int SN = 4;
    static final int SR = 8;
    private static final int TO_N = EN | SN;
    private static final int TO_R = ER | SR;
    private static final int FROM_E = EN | ER;

    /** Acquisition modes: a writer (or mutex), a non-recursive reader, a recursive reader. */
    static final int WRITE = 0;
    static final int READ = 1;
    static final int RECURSIVE_READ = 2;

    static final int USED_WRITE = 1;
    static final int USED_READ = 2;

    /** A lock class, by name. */
    static final class Node {
        final String name;
        final int index;
        int usage;
        final List<Edge> out = new ArrayList<>(4);
        final Map<Node, Edge> byTarget = new HashMap<>(4);

        Node(String name, int index) {
            this.name = name;
            this.index = index;
        }

        /**
         * Lockdep's usage string for a class used only in process context with interrupts
         * enabled: a {@code +} in the write columns if ever taken for write, in the read columns
         * if ever taken for read ({@code {+.+.}} a mutex, {@code {++++}} an rwsem used both ways).
         */
        String usage() {
            char w = (usage & USED_WRITE) != 0 ? '+' : '.';
            char r = (usage & USED_READ) != 0 ? '+' : '.';
            return "{" + w + r + w + r + "}";
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A dependency {@code from -> to}, with where and by whom it was first seen. */
    static final class Edge {
        final Node from;
        final Node to;
        int kinds;
        /** The call chain {@code to} was taken under while {@code from} was held, first time. */
        final Frame at;
        final String task;
        /** The modes of the first acquisition that recorded this edge. */
        final int fromMode;
        final int toMode;

        Edge(Node from, Node to, int kind, Frame at, String task, int fromMode, int toMode) {
            this.from = from;
            this.to = to;
            this.kinds = kind;
            this.at = at;
            this.task = task;
            this.fromMode = fromMode;
            this.toMode = toMode;
        }
    }

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Node> byIndex = new ArrayList<>();
    private int edges;

    Node node(String name) {
        Node n = nodes.get(name);
        if (n == null) {
            n = new Node(name, byIndex.size());
            nodes.put(name, n);
            byIndex.add(n);
        }
        return n;
    }

    int edgeCount() {
        return edges;
    }

    /** The dependency type of a nesting: {@code prev} held in {@code prevMode}, {@code next} taken in {@code nextMode}. */
    static int kind(int prevMode, int nextMode) {
        boolean shared = prevMode != WRITE;
        boolean recursive = nextMode == RECURSIVE_READ;
        return shared ? (recursive ? SR : SN) : (recursive ? ER : EN);
    }

    static String kindNames(int kinds) {
        List<String> out = new ArrayList<>(4);
        String[] names = {"EN", "ER", "SN", "SR"};
        for (int i = 0; i < names.length; i++) {
            if ((kinds & (1 << i)) != 0) {
                out.add(names[i]);
            }
        }
        return String.join(",", out);
    }

    /** Does {@code from -> to} already carry {@code kind}? */
    boolean has(Node from, Node to, int kind) {
        Edge e = from.byTarget.get(to);
        return e != null && (e.kinds & kind) != 0;
    }

    /** Records {@code kind} on {@code from -> to}, creating the edge the first time. */
    void add(Node from, Node to, int kind, Frame at, String task, int fromMode, int toMode) {
        Edge e = from.byTarget.get(to);
        if (e == null) {
            e = new Edge(from, to, kind, at, task, fromMode, toMode);
            from.byTarget.put(to, e);
            from.out.add(e);
            edges++;
        } else {
            e.kinds |= kind;
        }
    }

    /**
     * The shortest strong path from {@code next} to {@code prev}, or {@code null}: the path that,
     * with the new dependency {@code prev -> next}, closes a strong cycle. Strong: no edge into a
     * class taken as a recursive reader ({@code *R}) is followed by an edge out of it as a shared
     * holder ({@code S*}); the two joints made by the new edge count too.
     *
     * @param nextRecursive the new edge is {@code *R}: the path's first edge must not be {@code S*}
     * @param prevShared    the new edge is {@code S*}: the path's last edge must not be {@code *R}
     */
    List<Edge> strongPath(Node next, boolean nextRecursive, Node prev, boolean prevShared) {
        int states = byIndex.size() * 2; // (class, reached through an *R edge)
        Edge[] via = new Edge[states];
        int[] parent = new int[states];
        Arrays.fill(parent, -2);
        int start = state(next, nextRecursive);
        parent[start] = -1;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            int s = queue.poll();
            Node n = byIndex.get(s >> 1);
            boolean inR = (s & 1) != 0;
            for (Edge e : n.out) {
                int allowed = inR ? e.kinds & FROM_E : e.kinds;
                if ((allowed & TO_N) != 0 && visit(e, s, state(e.to, false), via, parent, queue)
                        && e.to == prev) {
                    return path(state(e.to, false), via, parent);
                }
                if ((allowed & TO_R) != 0 && visit(e, s, state(e.to, true), via, parent, queue)
                        && e.to == prev && !prevShared) {
                    return path(state(e.to, true), via, parent);
                }
            }
        }
        return null;
    }

    private static int state(Node n, boolean inR) {
        return n.index << 1 | (inR ? 1 : 0);
    }

    private static boolean visit(Edge e, int from, int to, Edge[] via, int[] parent, ArrayDeque<Integer> queue) {
        if (parent[to] != -2) {
            return false;
        }
        parent[to] = from;
        via[to] = e;
        queue.add(to);
        return true;
    }

    private static List<Edge> path(int end, Edge[] via, int[] parent) {
        ArrayDeque<Edge> out = new ArrayDeque<>();
        for (int s = end; parent[s] >= 0; s = parent[s]) {
            out.addFirst(via[s]);
        }
        return new ArrayList<>(out);
    }

    /** Every edge, one line each: {@code A -> B [EN] first by t1/1 at f → g}. */
    List<String> describe() {
        List<String> out = new ArrayList<>(edges);
        for (Node n : byIndex) {
            for (Edge e : n.out) {
                out.add(e.from.name + " -> " + e.to.name + " [" + kindNames(e.kinds) + "] first by " + e.task
                        + " at " + Reports.chain(e.at));
            }
        }
        return out;
    }
}
