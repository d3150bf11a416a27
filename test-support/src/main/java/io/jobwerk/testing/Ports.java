package io.jobwerk.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on 127.0.0.1 for servers started later (and restarted on the same port).
 *
 * <p>Two things make "bind port 0, close, hand out" unsafe here: the kernel may hand the same port
 * out again to the next caller, and a port from the ephemeral range may meanwhile become the local
 * end of an outgoing connection (every HTTP client in these tests makes them). So ports come from
 * below the ephemeral range (Linux default 32768–60999) and none twice in this JVM.
 *
 * <p>Test JVMs running side by side (surefire forks: {@code jobwerk.test.forks} of them, this one
 * number {@code jobwerk.test.fork}, counted from 1) each take their own slice of that range. JVMs
 * that know nothing of each other (the modules a parallel Maven build tests at once) do not hand
 * out the same port either: a port is taken with a lock on a file of its own in
 * {@code $TMPDIR/jobwerk-test-ports}, held until this JVM ends (the kernel drops it then, also
 * after kill -9), so a port a test keeps for a server's restart stays its own meanwhile.
 */
public final class Ports {
    private static final Range RANGE = Range.BELOW_EPHEMERAL.slice(Integer.getInteger("jobwerk.test.fork", 1),
            Integer.getInteger("jobwerk.test.forks", 1));
    private static final int LOWEST = RANGE.lowest();
    private static final int HIGHEST = RANGE.highest();
    private static final Set<Integer> handedOut = new HashSet<>();
    private static final Path LOCKS = Path.of(System.getProperty("java.io.tmpdir"), "jobwerk-test-ports");
    /** The open files whose locks reserve this JVM's ports: closing one would free its port for other JVMs. */
    private static final List<FileChannel> reservations = new ArrayList<>();

    private Ports() {}

    public static synchronized int free() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST + 1);
            if (!handedOut.contains(port) && isFree(port) && reserve(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + LOWEST + ".." + HIGHEST);
    }

    /** A port P with P+1 also free (the standalone Agent listens on P+1). */
    public static synchronized int freePair() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            // a port reserved without its neighbour stays unused: cheaper than giving a lock back
            if (!handedOut.contains(port) && !handedOut.contains(port + 1) && isFree(port) && isFree(port + 1)
                    && reserve(port) && reserve(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port pair in " + LOWEST + ".." + HIGHEST);
    }

    /** The ports lowest..highest, both included. */
    record Range(int lowest, int highest) {
        static final Range BELOW_EPHEMERAL = new Range(20_000, 32_767);

        /** The part of this range for JVM {@code fork} (counted from 1) of {@code forks}; disjoint from the others' parts. */
        Range slice(int fork, int forks) {
            int n = Math.max(1, forks);
            int size = (highest - lowest + 1) / n;
            int low = lowest + Math.floorMod(fork - 1, n) * size;
            return new Range(low, low + size - 1);
        }
    }

    /** Whether this JVM could take {@code port} for good: no other JVM holds its lock. */
    static boolean reserve(int port) {
        handedOut.add(port); // also when another JVM holds it: not worth a second try here
        try {
            Files.createDirectories(LOCKS);
            FileChannel channel = FileChannel.open(LOCKS.resolve(port + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return false;
            }
            reservations.add(channel);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reserve port " + port + " in " + LOCKS, e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
