package org.pcistress.kernel.locking;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.pcistress.kernel.ReportKind;

class AttachedTaskTest {

    @Test
    void bindsTheThreadUntilClosed() {
        Kernel k = new Kernel();
        Mutex m = new Mutex(k, "m");
        Task t;
        try (AttachedTask a = k.attach("bench")) {
            t = a.task();
            assertSame(t, Task.current());
            m.lock();
            m.unlock();
            m.lock();
            m.unlock();
        }
        assertNull(Task.currentOrNull());
        assertTrue(t.hasExited());
        assertFalse(k.hasReport(ReportKind.LOCKING_BUG));
    }

    @Test
    void closeRestoresTheOuterTask() {
        Kernel k = new Kernel();
        k.run("outer", () -> {
            Task outer = Task.current();
            try (AttachedTask a = k.attach("inner")) {
                assertSame(outer, a.task().parent());
            }
            assertSame(outer, Task.current());
        });
    }

    @Test
    void closeReleasesAndReportsLocksStillHeld() {
        Kernel k = new Kernel();
        Mutex m = new Mutex(k, "m");
        try (AttachedTask a = k.attach("leaky")) {
            m.lock();
        }
        assertFalse(m.isLocked());
        assertTrue(k.hasReport(ReportKind.LOCKING_BUG));
    }

    @Test
    void closeFromAnotherThreadIsRefused() throws InterruptedException {
        Kernel k = new Kernel();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try (AttachedTask a = k.attach("owner")) {
            Thread other = new Thread(() -> {
                try {
                    a.close();
                } catch (IllegalStateException e) {
                    thrown.set(e);
                }
            });
            other.start();
            other.join(5000);
            assertSame(a.task(), Task.current());
        }
        assertTrue(thrown.get() instanceof IllegalStateException);
        assertThrows(IllegalStateException.class, Task::current);
    }
}
