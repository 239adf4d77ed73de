package dev.larder.backend.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Ending the servers the test resources start as child processes, and removing their scratch directories. */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    /** Asks the process to end (TERM), kills it (KILL) if it has not after {@code grace}, and waits for that. */
    public static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes a directory and everything below it; a failure is reported, not thrown (cleanup must go on). */
    public static void deleteTree(Path dir, String owner) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println(owner + ": could not delete " + dir + ": " + e);
        }
    }
}
