package org.pcistress.kernel.locking;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The set of validated held-lock chains ({@code lookup_chain_cache()}), by chain key: an
 * open-addressed table of {@code long}s with linear probing.
 *
 * <p>{@link #contains} takes no lock and allocates nothing: one volatile read of the table, then
 * opaque reads of its slots. {@link #add} runs only under the validator's graph lock, so there is
 * one writer at a time. A reader that misses a key being added, or reads a table that a resize
 * just replaced, only takes the slow path, which checks again under the lock.
 */
final class ChainCache {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    /** 0 marks an empty slot; a chain whose key happens to be 0 is stored under this value. */
    private static final long ZERO = 0x5DEECE66DL;

    private volatile long[] table = new long[256];
    private int size;

    boolean contains(long key) {
        long k = key == 0 ? ZERO : key;
        long[] tab = table;
        int mask = tab.length - 1;
        for (int i = index(k, mask);; i = (i + 1) & mask) {
            long v = (long) SLOT.getOpaque(tab, i);
            if (v == k) {
                return true;
            }
            if (v == 0) {
                return false;
            }
        }
    }

    /** Adds {@code key}; the caller holds the graph lock. @return {@code false} if present */
    boolean add(long key) {
        long k = key == 0 ? ZERO : key;
        if (contains(k)) {
            return false;
        }
        if ((size + 1) * 2 > table.length) {
            grow();
        }
        put(table, k);
        size++;
        return true;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] old = table;
        long[] bigger = new long[old.length * 2];
        for (long v : old) {
            if (v != 0) {
                put(bigger, v);
            }
        }
        table = bigger; // published whole: readers see the old table or the filled new one
    }

    private static void put(long[] tab, long k) {
        int mask = tab.length - 1;
        int i = index(k, mask);
        while (tab[i] != 0) {
            i = (i + 1) & mask;
        }
        SLOT.setRelease(tab, i, k);
    }

    private static int index(long k, int mask) {
        return (int) (k ^ (k >>> 32)) * 0x9E3779B9 >>> 7 & mask;
    }
}
