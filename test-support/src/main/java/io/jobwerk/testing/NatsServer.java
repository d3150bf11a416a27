package io.jobwerk.testing;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.MessageInfo;
import io.jobwerk.scheduler.RealScheduler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A NATS server of a test's own: Debian's {@code nats-server} on a free loopback port with
 * JetStream storing in a directory of the test, stopped by its pid. It can be stopped and started
 * again on the same port and directory (the broker restarted).
 */
public final class NatsServer implements AutoCloseable {
    public static final Path EXECUTABLE = Path.of("/usr/sbin/nats-server");

    private final Path dir;
    private final int port;
    private final List<String> authArguments;
    private Process process;

    private NatsServer(Path dir, int port, List<String> authArguments) {
        this.dir = dir;
        this.port = port;
        this.authArguments = authArguments;
    }

    public static boolean isInstalled() {
        return Files.isExecutable(EXECUTABLE);
    }

    public static NatsServer start(Path dir) throws Exception {
        return start(dir, List.of());
    }

    /** @param authArguments e.g. {@code --user U --pass P} */
    public static NatsServer start(Path dir, List<String> authArguments) throws Exception {
        int port = Ports.free();
        NatsServer server = new NatsServer(dir, port, authArguments);
        server.startAgain();
        return server;
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** Starts the server (again), on the same port and store. */
    public void startAgain() throws Exception {
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(), "-a", "127.0.0.1", "-p", Integer.toString(port),
                "-js", "-sd", dir.resolve("store").toString()));
        command.addAll(authArguments);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("nats-server.log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("nats-server did not start, see " + dir.resolve("nats-server.log") + ":\n"
                        + Files.readString(dir.resolve("nats-server.log")));
            }
            RealScheduler.instance().sleep(java.time.Duration.ofMillis(20));
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the server as an operator does (SIGTERM: it syncs its store), and waits for its end. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Every message of {@code stream}, oldest first, each as its subject and body. */
    public List<String[]> messages(String stream, Options.Builder options) throws Exception {
        List<String[]> messages = new ArrayList<>();
        try (Connection c = Nats.connect(options.server(url()).build())) {
            JetStreamManagement management = c.jetStreamManagement();
            long last = management.getStreamInfo(stream).getStreamState().getLastSequence();
            for (long seq = 1; seq <= last; seq++) {
                MessageInfo m = management.getMessage(stream, seq);
                messages.add(new String[] {m.getSubject(), new String(m.getData(), StandardCharsets.UTF_8)});
            }
        }
        return messages;
    }

    public List<String[]> messages(String stream) throws Exception {
        return messages(stream, new Options.Builder());
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
