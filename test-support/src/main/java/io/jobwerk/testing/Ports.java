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
 */
public final class Ports {
    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_767;
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

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
