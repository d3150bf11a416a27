package io.jobwerk.http.server;

import java.util.Objects;

/**
 * Where a server listens and how much it accepts.
 *
 * @param maxBodyBytes larger request bodies are answered with 413 (JS7: 8 MB)
 */
public record WebServerConf(String host, int port, long maxBodyBytes) {

    public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;

    public WebServerConf {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535: " + port);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
    }

    public static WebServerConf loopback(int port) {
        return new WebServerConf("127.0.0.1", port, DEFAULT_MAX_BODY_BYTES);
    }
}
