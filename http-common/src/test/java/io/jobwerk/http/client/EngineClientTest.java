package io.jobwerk.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.json.EngineJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import io.jobwerk.engine.base.Checked;
import org.junit.jupiter.api.Test;

class EngineClientTest {

    @Test
    void nothingListeningIsConnectionRefused() throws Exception {
        Problem problem = problemOfAClosedPort("http");
        assertThat(problem.code()).as(problem.message()).isEqualTo("ConnectionRefused");
    }

    @Test
    void anHttpsPeerIsStillReachedWithTls() throws Exception {
        // the TLS set-up is left out for http:// peers only: an https:// one gets past it, to the refused connection
        Problem problem = problemOfAClosedPort("https");
        assertThat(problem.code()).as(problem.message()).isEqualTo("ConnectionRefused");
    }

    private static Problem problemOfAClosedPort(String scheme) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (EngineClient client = new EngineClient(scheme + "://127.0.0.1:" + port + "/controller/api", "u", "p")) {
            return client.get("").problemOption().orElseThrow();
        }
    }

    @Test
    void aThreadInterruptedWhileConnectingEndsWithAFailedCallNotAnException() throws Exception {
        // A listener that accepts nothing, its backlog filled: the kernel drops further SYNs, so a connect hangs.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket socket = new Socket();
                    queued.add(socket);
                    socket.connect(full.getLocalSocketAddress(), 200);
                }
            } catch (IOException e) {
                // the backlog is full: the next connects hang
            }
            AtomicReference<Object> outcome = new AtomicReference<>();
            CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (EngineClient client = new EngineClient("http://127.0.0.1:" + full.getLocalPort() + "/agent/api", "u", "p")) {
                    Checked<Long> result = client.readEventBatches(0, Duration.ofSeconds(60), 100, batch -> true);
                    outcome.set(result);
                } catch (Throwable t) {
                    outcome.set(t);
                }
                interruptedAfter.complete(Thread.currentThread().isInterrupted());
            });
            reader.start();
            Thread.sleep(500); // in its connect
            reader.interrupt();
            boolean interrupted = interruptedAfter.get(10, TimeUnit.SECONDS);
            assertThat(outcome.get()).isInstanceOf(Checked.class);
            assertThat(interrupted).as("the interrupt is kept for the caller: " + outcome.get()).isTrue();
            assertThat(((Checked<?>) outcome.get()).isFail()).as(String.valueOf(outcome.get())).isTrue();
            for (Socket socket : queued) {
                socket.close();
            }
        }
    }

    @Test
    void dotSegmentIsAProblemAndNotSent() {
        // Nothing is listening: a request would be ConnectionRefused.
        try (EngineClient client = new EngineClient("http://127.0.0.1:1/agent/api", "u", "p")) {
            Problem problem = client.get(java.util.List.of("order", "..", "obstacles")).problemOption().orElseThrow();
            assertThat(problem.code()).as(problem.message()).isEqualTo("InvalidPathSegment");
        }
    }

    /**
     * A server on loopback that keeps connections alive, and closes the connection of the first
     * command it receives without answering, as a peer does that dies or cuts the link after it
     * has read the request.
     */
    static final class FirstCommandUnanswered implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger commands = new AtomicInteger();

        FirstCommandUnanswered() throws IOException {
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        Thread c = new Thread(() -> serve(s));
                        c.setDaemon(true);
                        c.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        String uri() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/agent/api";
        }

        private void serve(Socket socket) {
            try (socket) {
                InputStream in = socket.getInputStream();
                for (String head; (head = readHead(in)) != null; ) {
                    int length = 0;
                    for (String line : head.split("\r\n")) {
                        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                            length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                    in.readNBytes(length);
                    String body;
                    if (head.startsWith("POST /agent/api/command")) {
                        if (commands.incrementAndGet() == 1) {
                            return; // read, never answered
                        }
                        body = "{\"TYPE\":\"Accepted\"}";
                    } else {
                        body = "{\"sessionToken\":\"token\"}";
                    }
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                            + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().write(bytes);
                    socket.getOutputStream().flush();
                }
            } catch (IOException e) {
                // the client closed
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            for (int b; (b = in.read()) >= 0; ) {
                head.write(b);
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
                if (matched == 4) {
                    return head.toString(StandardCharsets.ISO_8859_1);
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    @Test
    void anIdempotentCommandOnAKeptAliveConnectionThatFailsIsSilentlySentAgain() throws Exception {
        try (FirstCommandUnanswered server = new FirstCommandUnanswered();
             EngineClient client = new EngineClient(server.uri(), "u", "p")) {
            assertThat(client.login().isOk()).isTrue(); // the connection stays open for the command
            assertThat(client.command(EngineJson.parse("{\"TYPE\":\"NoOperation\"}").orThrow()).isOk()).isTrue();
            assertThat(server.commands.get()).isEqualTo(2);
        }
    }

    @Test
    void aCommandSentOnceIsNeverSentAgainSilently() throws Exception {
        try (FirstCommandUnanswered server = new FirstCommandUnanswered();
             EngineClient client = new EngineClient(server.uri(), "u", "p")) {
            assertThat(client.login().isOk()).isTrue();
            Problem problem = client.commandOnce(EngineJson.parse("{\"TYPE\":\"ResetSubagent\",\"subagentId\":\"A\"}").orThrow())
                    .problemOption().orElseThrow();
            assertThat(problem.code()).isEqualTo("ConnectionFailed");
            assertThat(server.commands.get()).isEqualTo(1);
        }
    }
}
