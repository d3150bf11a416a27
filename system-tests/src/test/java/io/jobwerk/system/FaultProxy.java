package io.jobwerk.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An HTTP proxy on loopback in front of a server, for fault tests: per request a {@link Rule}
 * decides whether it passes, is forwarded but its answer lost, is held until {@link #releaseHeld},
 * or its connection is cut before it reaches the server. One request per connection: the proxy
 * asks the server to close after answering, so every request is seen here.
 */
final class FaultProxy implements AutoCloseable {

    enum Action { PASS, LOSE_ANSWER, HOLD, CUT }

    interface Rule {
        Action decide(String requestLine, String body);
    }

    private final int upstreamPort;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Rule rule = (line, body) -> Action.PASS;
    private boolean holding = true; // guarded by this
    private volatile boolean closed;

    FaultProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "fault-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    void rule(Rule rule) {
        this.rule = rule;
    }

    /** Cuts every open connection (e.g. a long-polled event stream). */
    void cutAll() {
        open.forEach(FaultProxy::closeQuietly);
    }

    /**
     * New connections are refused from now on (as when the server's process is gone); open ones,
     * e.g. a held event stream, stay as they are.
     */
    void stopListening() {
        closeQuietly2(server);
    }

    /** Lets held requests through, and from now on every request that would be held. */
    synchronized void releaseHeld() {
        holding = false;
        notifyAll();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                open.add(client);
                Thread t = new Thread(() -> serve(client), "fault-proxy-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        Socket upstream = null;
        try {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] lines = head.split("\r\n");
            StringBuilder forwarded = new StringBuilder(lines[0]).append("\r\n");
            int contentLength = 0;
            for (int i = 1; i < lines.length; i++) {
                String lower = lines[i].toLowerCase(Locale.ROOT);
                if (lower.startsWith("connection:")) {
                    continue;
                }
                if (lower.startsWith("content-length:")) {
                    contentLength = Integer.parseInt(lines[i].substring(lines[i].indexOf(':') + 1).trim());
                }
                forwarded.append(lines[i]).append("\r\n");
            }
            forwarded.append("Connection: close\r\n\r\n");
            byte[] body = in.readNBytes(contentLength);
            Action action = rule.decide(lines[0], new String(body, StandardCharsets.UTF_8));
            if (action == Action.CUT) {
                return;
            }
            if (action == Action.HOLD) {
                synchronized (this) {
                    while (holding && !closed) {
                        wait(100);
                    }
                }
            }
            upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
            open.add(upstream);
            OutputStream up = upstream.getOutputStream();
            up.write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
            up.write(body);
            up.flush();
            InputStream answer = upstream.getInputStream();
            if (action == Action.LOSE_ANSWER) {
                answer.transferTo(OutputStream.nullOutputStream()); // the server has answered: now the answer is lost
                return;
            }
            OutputStream out = client.getOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = answer.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // a side closed the connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(client);
            open.remove(client);
            if (upstream != null) {
                closeQuietly(upstream);
                open.remove(upstream);
            }
        }
    }

    /** The request line and headers, up to the empty line; null at the end of the stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b; (b = in.read()) >= 0; ) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                String s = head.toString(StandardCharsets.ISO_8859_1);
                return s.substring(0, s.length() - 4);
            }
        }
        return null;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly2(server);
        cutAll();
        synchronized (this) {
            notifyAll();
        }
    }

    private static void closeQuietly2(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
    }
}
