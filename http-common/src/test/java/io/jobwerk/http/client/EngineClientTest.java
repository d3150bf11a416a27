package io.jobwerk.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Problem;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class EngineClientTest {

    @Test
    void nothingListeningIsConnectionRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (EngineClient client = new EngineClient("http://127.0.0.1:" + port + "/controller/api", "u", "p")) {
            Problem problem = client.get("").problemOption().orElseThrow();
            assertThat(problem.code()).as(problem.message()).isEqualTo("ConnectionRefused");
        }
    }
}
