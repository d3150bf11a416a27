package io.jobwerk.subagent.process;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import io.jobwerk.scheduler.RealScheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ProcessLauncher} calling glibc's {@code posix_spawnp} through JNA, and one reaper thread
 * that waits for all processes at once: a {@code pidfd} per process in an {@code epoll} set.
 *
 * <p>Why: the JDK's {@code ProcessBuilder} starts {@code jspawnhelper}, which execs the job (two
 * {@code exec}s a process), and parks a thread per process in {@code waitpid}. Measured here for
 * {@code /bin/sh -c 'exit 0'} with 8 launching threads: 1,700–2,080 processes/s against the
 * JDK's 1,020–1,230/s; and 15,000 running jobs need no 15,000 waiting threads. (The JDK's own
 * foreign-function API would do without JNA, but is final only in Java 22.)
 *
 * <p>The child gets stdin from {@code /dev/null}, stdout and stderr redirected, the job's working
 * directory, no other descriptor of the JVM ({@code closefrom(3)}), an empty signal mask and default
 * signal dispositions. Needs Linux ≥ 5.3 ({@code pidfd_open}) and glibc ≥ 2.34
 * ({@code posix_spawn_file_actions_addclosefrom_np}); {@link #open} finds out and declines otherwise.
 * Where a {@code pidfd} cannot be had for a process (descriptors exhausted), a thread waits for it.
 */
final class PosixSpawnLauncher implements ProcessLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(PosixSpawnLauncher.class);

    /** The glibc functions used, by their C names. */
    interface LibC extends Library {
        int posix_spawnp(IntByReference pid, String file, Pointer fileActions, Pointer attributes, StringArray argv, StringArray envp);

        int posix_spawn_file_actions_init(Pointer fileActions);

        int posix_spawn_file_actions_destroy(Pointer fileActions);

        int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, String path, int flags, int mode);

        int posix_spawn_file_actions_addchdir_np(Pointer fileActions, String path);

        int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int from);

        int posix_spawnattr_init(Pointer attributes);

        int posix_spawnattr_setflags(Pointer attributes, short flags);

        int posix_spawnattr_setsigmask(Pointer attributes, Pointer signals);

        int posix_spawnattr_setsigdefault(Pointer attributes, Pointer signals);

        int sigemptyset(Pointer signals);

        int sigfillset(Pointer signals);

        int syscall(long number, int pid, int flags);

        int epoll_create1(int flags);

        int epoll_ctl(int epollFd, int operation, int fd, Pointer event);

        int epoll_wait(int epollFd, Pointer events, int maxEvents, int timeoutMillis);

        int waitpid(int pid, IntByReference status, int options);

        int waitid(int idType, int id, Pointer info, int options);

        int close(int fd);

        String strerror(int errno);
    }

    // Linux's generic values (x86_64 and aarch64 alike)
    private static final int O_RDONLY = 0;
    private static final int O_WRONLY_CREAT_TRUNC = 01 | 0100 | 01000;
    private static final int CLOEXEC = 02000000;
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final long SYS_PIDFD_OPEN = 434; // the same number on every architecture
    private static final int EPOLLIN = 1;
    private static final int EPOLLONESHOT = 1 << 30;
    private static final int EPOLL_CTL_ADD = 1;
    private static final int WNOHANG = 1;
    private static final int NOT_ENDED = -1;
    private static final int EINTR = 4;
    private static final int P_PID = 1;
    private static final int WEXITED = 4;
    private static final int WNOWAIT = 0x01000000;
    // struct epoll_event is packed on x86_64 (12 bytes, data at 4), aligned elsewhere (16 bytes, data at 8)
    private static final int EPOLL_EVENT_SIZE = Platform.isIntel() && Platform.is64Bit() ? 12 : 16;
    private static final int EPOLL_EVENT_DATA = EPOLL_EVENT_SIZE == 12 ? 4 : 8;
    // Larger than glibc's posix_spawn_file_actions_t (80 bytes), posix_spawnattr_t (336) and sigset_t (128)
    private static final int FILE_ACTIONS_BYTES = 512;

    private final LibC libc;
    private final int epollFd;
    private final Memory attributes = new Memory(1024);
    private final Memory emptySignalSet = new Memory(256);
    private final Memory allSignals = new Memory(256);
    private final Map<String, String> baseEnvironment = Map.copyOf(System.getenv());
    // By a token of their own, not by pidfd number: a child spawned while a pidfd was open holds a copy
    // of it until its exec, so its epoll registration can outlive our close and report again later,
    // when the number may already belong to the pidfd of another process.
    private final Map<Long, Running> byToken = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong nextToken = new java.util.concurrent.atomic.AtomicLong();
    private final ExecutorService waiters = RealScheduler.instance().elasticPool("jobwerk-process-wait");
    private final Thread reaper;
    private final boolean pidFds; // false: a thread waits for each process (as where pidfds run out), for tests
    private volatile boolean closed;

    private PosixSpawnLauncher(LibC libc, int epollFd, boolean pidFds) {
        this.libc = libc;
        this.pidFds = pidFds;
        this.epollFd = epollFd;
        libc.posix_spawnattr_init(attributes);
        libc.sigemptyset(emptySignalSet);
        libc.sigfillset(allSignals);
        libc.posix_spawnattr_setsigmask(attributes, emptySignalSet);
        libc.posix_spawnattr_setsigdefault(attributes, allSignals);
        libc.posix_spawnattr_setflags(attributes, (short) (POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK));
        this.reaper = RealScheduler.instance().newThread("jobwerk-process-reaper", this::reap);
        reaper.start();
    }

    /** The launcher, or empty (with the reason logged) where this machine does not have what it needs. */
    static Optional<ProcessLauncher> open() {
        return open(true);
    }

    static Optional<ProcessLauncher> open(boolean pidFds) {
        if (!Platform.isLinux()) {
            return Optional.empty();
        }
        try {
            // Strings (paths, arguments, environment) in the encoding the JDK uses for file names
            String encoding = System.getProperty("sun.jnu.encoding", "UTF-8");
            LibC libc = Native.load("c", LibC.class, Map.of(Library.OPTION_STRING_ENCODING, encoding));
            NativeLibrary c = NativeLibrary.getInstance("c");
            c.getFunction("posix_spawn_file_actions_addclosefrom_np"); // glibc ≥ 2.34, else UnsatisfiedLinkError
            c.getFunction("posix_spawn_file_actions_addchdir_np");
            int ownPidFd = libc.syscall(SYS_PIDFD_OPEN, (int) ProcessHandle.current().pid(), 0);
            if (ownPidFd < 0) {
                LOG.info("posix_spawn launcher not used: pidfd_open failed with errno " + Native.getLastError());
                return Optional.empty();
            }
            libc.close(ownPidFd);
            int epollFd = libc.epoll_create1(CLOEXEC);
            if (epollFd < 0) {
                LOG.info("posix_spawn launcher not used: epoll_create1 failed with errno " + Native.getLastError());
                return Optional.empty();
            }
            return Optional.of(new PosixSpawnLauncher(libc, epollFd, pidFds));
        } catch (LinkageError | RuntimeException e) {
            LOG.info("posix_spawn launcher not used: " + e);
            return Optional.empty();
        }
    }

    @Override
    public Launched launch(List<String> command, Map<String, String> environment, Path directory, Path stdout, Path stderr)
            throws IOException {
        Memory actions = new Memory(FILE_ACTIONS_BYTES);
        libc.posix_spawn_file_actions_init(actions);
        IntByReference pid = new IntByReference();
        int error;
        try {
            error = libc.posix_spawn_file_actions_addopen(actions, 0, "/dev/null", O_RDONLY, 0);
            if (error == 0) {
                error = libc.posix_spawn_file_actions_addopen(actions, 1, stdout.toString(), O_WRONLY_CREAT_TRUNC, 0666);
            }
            if (error == 0) {
                error = libc.posix_spawn_file_actions_addopen(actions, 2, stderr.toString(), O_WRONLY_CREAT_TRUNC, 0666);
            }
            if (error == 0) {
                error = libc.posix_spawn_file_actions_addchdir_np(actions, directory.toString());
            }
            if (error == 0) {
                error = libc.posix_spawn_file_actions_addclosefrom_np(actions, 3);
            }
            if (error == 0) {
                error = libc.posix_spawnp(pid, command.get(0), actions, attributes,
                        new StringArray(command.toArray(String[]::new)), new StringArray(environmentStrings(environment)));
            }
        } finally {
            libc.posix_spawn_file_actions_destroy(actions);
        }
        if (error != 0) {
            // The JDK's wording ("error=26, Text file busy"), which callers look for
            throw new IOException("Cannot run program \"" + command.get(0) + "\": error=" + error + ", " + libc.strerror(error));
        }
        Running running = new Running(pid.getValue());
        watch(running);
        return running;
    }

    private String[] environmentStrings(Map<String, String> environment) {
        Map<String, String> merged = new HashMap<>(baseEnvironment);
        merged.putAll(environment);
        String[] strings = new String[merged.size()];
        int i = 0;
        for (Map.Entry<String, String> e : merged.entrySet()) {
            strings[i++] = e.getKey() + "=" + e.getValue();
        }
        return strings;
    }

    /** Into the reaper's epoll set; where that fails, a thread of its own waits for the process. */
    private void watch(Running running) {
        int pidFd = pidFds ? libc.syscall(SYS_PIDFD_OPEN, running.pid, 0) : -1;
        if (pidFd >= 0) {
            running.pidFd = pidFd;
            byToken.put(running.token, running); // before it can be reported
            Memory event = new Memory(EPOLL_EVENT_SIZE);
            event.clear();
            event.setInt(0, EPOLLIN | EPOLLONESHOT);
            event.setLong(EPOLL_EVENT_DATA, running.token);
            if (libc.epoll_ctl(epollFd, EPOLL_CTL_ADD, pidFd, event) == 0) {
                return;
            }
            byToken.remove(running.token);
            libc.close(pidFd);
            running.pidFd = -1;
        }
        LOG.atDebug().log(() -> "Process " + running.pid + ": waited for by a thread (no pidfd: errno " + Native.getLastError() + ")");
        waitOnThread(running);
    }

    private void waitOnThread(Running running) {
        waiters.execute(() -> {
            awaitEndWithoutReaping(running.pid); // without the process's lock, which a kill takes
            running.complete(waitFor(running, 0));
        });
    }

    /** Blocks until the process has ended, leaving it a zombie: reaping it is {@link #waitFor}'s, under the process's lock. */
    private void awaitEndWithoutReaping(int pid) {
        Memory info = new Memory(256); // siginfo_t: 128 bytes
        while (libc.waitid(P_PID, pid, info, WEXITED | WNOWAIT) < 0 && Native.getLastError() == EINTR) {
            // again
        }
    }

    private void reap() {
        int capacity = 256;
        Memory events = new Memory((long) EPOLL_EVENT_SIZE * capacity);
        while (!closed) {
            int n = libc.epoll_wait(epollFd, events, capacity, 200);
            for (int i = 0; i < n; i++) {
                Running running = byToken.remove(events.getLong((long) i * EPOLL_EVENT_SIZE + EPOLL_EVENT_DATA));
                if (running == null) {
                    continue; // a registration that outlived its pidfd (see byToken)
                }
                // A pidfd is readable once its process has ended, so this does not wait
                int exitCode = waitFor(running, WNOHANG);
                libc.close(running.pidFd); // also takes it out of the epoll set
                if (exitCode == NOT_ENDED) { // not to be expected; then a thread waits for it
                    waitOnThread(running);
                    continue;
                }
                try {
                    running.complete(exitCode);
                } catch (RuntimeException e) {
                    LOG.warn("After the end of process " + running.pid, e);
                }
            }
        }
    }

    /**
     * Reaps the ended process and returns its exit code as the JDK does (128 + signal for a signal);
     * with {@code WNOHANG} {@link #NOT_ENDED} if it is still running.
     */
    private int waitFor(Running running, int options) {
        IntByReference status = new IntByReference();
        synchronized (running) {
            int reaped;
            while ((reaped = libc.waitpid(running.pid, status, options)) < 0 && Native.getLastError() == EINTR) {
                // again
            }
            if (reaped == 0) {
                return NOT_ENDED; // WNOHANG
            }
            running.reaped = true;
            if (reaped != running.pid) {
                LOG.warn("waitpid(" + running.pid + ") returned " + reaped + (reaped < 0 ? " (errno " + Native.getLastError() + ")" : "")
                        + ": its exit code is unknown");
                return 128 + 9;
            }
        }
        int s = status.getValue();
        int signal = s & 0x7f;
        return signal == 0 ? (s >> 8) & 0xff : 128 + signal;
    }

    @Override
    public String name() {
        return "posix_spawn";
    }

    @Override
    public void close() {
        closed = true;
        try {
            reaper.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byToken.values().forEach(r -> libc.close(r.pidFd));
        byToken.clear();
        libc.close(epollFd);
        waiters.shutdown();
    }

    private final class Running implements Launched {
        final int pid;
        final long token = nextToken.incrementAndGet();
        volatile int pidFd = -1;
        final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
        boolean reaped; // guarded by this: after it the pid may belong to another process

        Running(int pid) {
            this.pid = pid;
        }

        void complete(int code) {
            exitCode.complete(code);
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public CompletableFuture<Integer> exitCode() {
            return exitCode;
        }

        @Override
        public synchronized Optional<ProcessHandle> handle() {
            // Not yet reaped, the pid is still this process's (running, or a zombie): the handle
            // keeps its start time, and signals through it never reach a later process of the pid.
            return reaped ? Optional.empty() : ProcessHandle.of(pid);
        }
    }
}
