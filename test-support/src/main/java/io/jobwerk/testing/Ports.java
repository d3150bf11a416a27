package io.jobwerk.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
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
 * number {@code jobwerk.test.fork}, counted from 1) each take their own slice of that range, as no
 * JVM knows what the others handed out.
 */
public final class Ports {
    private static final Range RANGE = Range.BELOW_EPHEMERAL.slice(Integer.getInteger("jobwerk.test.fork", 1),
            Integer.getInteger("jobwerk.test.forks", 1));
    private static final int LOWEST = RANGE.lowest();
    private static final int HIGHEST = RANGE.highest();
    private static final Set<Integer> handedOut = new HashSet<>();

    private Ports() {}

    public static synchronized int free() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST + 1);
            if (!handedOut.contains(port) && isFree(port)) {
                handedOut.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + LOWEST + ".." + HIGHEST);
    }

    /** A port P with P+1 also free (the standalone Agent listens on P+1). */
    public static synchronized int freePair() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (!handedOut.contains(port) && !handedOut.contains(port + 1) && isFree(port) && isFree(port + 1)) {
                handedOut.add(port);
                handedOut.add(port + 1);
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

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
