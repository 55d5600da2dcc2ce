package org.pcistress.tools.job;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * {@code job.lock} in a report folder: held (an OS file lock) by the job that writes the folder,
 * for as long as it runs. The OS drops the lock when that process dies however it dies, so a
 * folder whose job.json still says RUNNING but whose lock nobody holds is a run that was killed,
 * not one in progress. The file says which process held it; a job that ends removes it.
 */
public final class ReportLock implements AutoCloseable {
    public static final String FILE = "job.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private ReportLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of the new report folder {@code dir}. */
    public static ReportLock acquire(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        try {
            FileLock l = ch.tryLock();
            if (l == null) {
                throw new IOException(file + " is held by another process");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
            return new ReportLock(file, ch, l);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Who holds the lock of report folder {@code dir} ({@code pid N}), or empty when no live process
     * does (the run ended, or it was killed: its lock went with it).
     */
    public static Optional<String> holder(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            FileLock l = ch.tryLock();
            if (l != null) {
                l.release();
                return Optional.empty();
            }
        } catch (OverlappingFileLockException sameVm) {
            // this JVM holds it: a job running in this process
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.of("another process");
        }
    }

    /** What the file names: the process that held the lock (also after it died). */
    static String named(Path dir) {
        try {
            return Files.readString(dir.resolve(FILE), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Releases the lock and removes the file. */
    @Override
    public synchronized void close() {
        try {
            if (channel.isOpen()) {
                Files.deleteIfExists(file);
                lock.release();
                channel.close();
            }
        } catch (IOException e) {
            // the OS releases it when the process ends
        }
    }
}
