package org.amends.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Threads' nice values as the Linux kernel reports them ({@code /proc}), for tests of work meant to run below live work. */
public final class NiceValues {

    private NiceValues() {}

    /** The calling thread's nice value; empty where {@code /proc/thread-self} cannot be read. */
    public static Optional<Integer> ofCurrentThread() {
        return of(Path.of("/proc/thread-self/stat"));
    }

    /** The nice value of this JVM's thread of that name (as the kernel keeps it: 15 characters at most), if any. */
    public static Optional<Integer> ofThreadNamed(String name) {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (var task : tasks.toList()) {
                if (Files.readString(task.resolve("comm")).strip().equals(name)) {
                    return of(task.resolve("stat"));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read this JVM's threads from /proc/self/task", e);
        }
    }

    private static Optional<Integer> of(Path stat) {
        try {
            var text = Files.readString(stat);
            // The fields after the command name (which may hold blanks) start at field 3; nice is field 19.
            var fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Integer.parseInt(fields[19 - 3]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
