package io.jobwerk.cockpit.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.ui.UiThread;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ControllerConnectionTest {

    @Test
    void aControllerThatIsNotThereIsShownAsReconnectingWithTheReason() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        ConnectionConf conf = new ConnectionConf("nowhere", "http://127.0.0.1:" + port, "u", "p");
        try (ControllerConnection connection = new ControllerConnection(conf, UiThread.direct(), u -> { }, states::add, Clock.systemUTC()).start()) {
            for (int i = 0; i < 600 && states.stream().noneMatch(s -> s.status() == ConnectionState.Status.RECONNECTING); i++) {
                Thread.sleep(10);
            }
            assertThat(states.get(0).status()).isEqualTo(ConnectionState.Status.CONNECTING);
            ConnectionState reconnecting = states.stream().filter(s -> s.status() == ConnectionState.Status.RECONNECTING).findFirst().orElseThrow();
            assertThat(reconnecting.problem()).hasValueSatisfying(p -> assertThat(p).contains("127.0.0.1:" + port));
        }
    }
}
