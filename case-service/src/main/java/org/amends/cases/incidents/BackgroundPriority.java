package org.amends.cases.incidents;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the calling thread below every other thread on the machine's cores: on Linux its nice value is raised with
 * {@code setpriority(2)}, which there applies to the calling thread alone, so the kernel runs it only with what live
 * work leaves (at nice 19 a thread weighs about 1.5 % of a nice-0 one while both want a core, and runs flat out when
 * nothing else does). Java's own thread priorities are ignored on Linux unless the JVM runs as root with {@code
 * -XX:ThreadPriorityPolicy=1}. Raising a nice value needs no privilege; only lowering it again would.
 *
 * <p>The call goes through the Foreign Function API, a restricted method: the services run with {@code
 * --enable-native-access=ALL-UNNAMED} so the JVM does not warn about it. Anywhere it is not available the thread keeps
 * its priority and the caller is told so.
 */
final class BackgroundPriority {

    private static final Logger log = LoggerFactory.getLogger(BackgroundPriority.class);
    /** {@code PRIO_PROCESS} of {@code <sys/resource.h>}; with {@code who} 0 Linux applies it to the calling thread. */
    private static final int PRIO_PROCESS = 0;

    private static final Optional<MethodHandle> SETPRIORITY = setpriority();

    private BackgroundPriority() {}

    /**
     * Raises the calling thread's nice value to {@code nice} (0 to 19). Returns whether the thread now runs at that
     * value; false on systems other than Linux or when the call is refused, which leaves the thread as it was.
     */
    static boolean lowerCurrentThread(int nice) {
        if (nice < 0 || nice > 19) {
            throw new IllegalArgumentException("nice must be between 0 and 19, was " + nice);
        }
        if (SETPRIORITY.isEmpty()) {
            return false;
        }
        try {
            var result = (int) SETPRIORITY.get().invokeExact(PRIO_PROCESS, 0, nice);
            if (result != 0) {
                log.warn("could not lower thread {} to nice {}: setpriority refused", currentThreadName(), nice);
                return false;
            }
            return true;
        } catch (Throwable e) {
            log.warn("could not lower thread {} to nice {}: {}", currentThreadName(), nice, e.toString());
            return false;
        }
    }

    private static Optional<MethodHandle> setpriority() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        try {
            var linker = Linker.nativeLinker();
            return linker.defaultLookup()
                    .find("setpriority")
                    .map(address -> linker.downcallHandle(
                            address,
                            FunctionDescriptor.of(
                                    ValueLayout.JAVA_INT,
                                    ValueLayout.JAVA_INT,
                                    ValueLayout.JAVA_INT,
                                    ValueLayout.JAVA_INT)));
        } catch (RuntimeException | LinkageError e) {
            log.warn("thread priorities unavailable: {}", e.toString());
            return Optional.empty();
        }
    }

    private static String currentThreadName() {
        return Thread.currentThread().getName();
    }
}
