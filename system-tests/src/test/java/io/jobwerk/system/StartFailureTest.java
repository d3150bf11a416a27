package io.jobwerk.system;

import io.jobwerk.testing.Ports;
import io.jobwerk.testing.ServerProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A server that cannot start says why in one line (port in use, data directory in use) and exits with 1. */
class StartFailureTest {

    @TempDir
    Path dir;

    @Test
    void aSecondServerOnTheSameDataDirectoryIsRefusedAndTheFirstGoesOn() throws Exception {
        String data = dir.resolve("agent").toString();
        try (ServerProcess first = ServerProcess.start("agent", dir.resolve("agent.log"), "agent", "--data", data,
                "--port", "" + Ports.free(), "--agent-path", "AGENT", "--subagent-id", "S", "--user", "u:p")) {
            assertThatThrownBy(() -> ServerProcess.start("second", dir.resolve("second.log"), "agent", "--data", data,
                    "--port", "" + Ports.free(), "--agent-path", "AGENT", "--subagent-id", "S", "--user", "u:p"))
                    .hasMessageContaining("exited with 1")
                    .hasMessageContaining("jobwerk agent: Agent journal: Journal " + data + "/journal is in use by another process (pid "
                            + first.pid() + ")")
                    .hasMessageNotContaining("Exception");
            assertThat(first.isAlive()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"controller", "agent", "subagent", "standalone"})
    void aPortInUseIsOneClearLineAndExitCodeOne(String server) throws Exception {
        int port = Ports.freePair();
        String data = dir.resolve("data").toString();
        String[] args = switch (server) {
            case "controller" -> new String[] {"controller", "--data", data, "--port", "" + port, "--user", "u:p", "--agent-user", "a:p"};
            case "agent" -> new String[] {"agent", "--data", data, "--port", "" + port, "--agent-path", "AGENT", "--subagent-id", "S",
                    "--user", "u:p"};
            case "subagent" -> new String[] {"subagent", "--data", data, "--port", "" + port, "--user", "u:p"};
            default -> new String[] {"standalone", "--data", data, "--port", "" + port, "--user", "u:p"};
        };
        try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> ServerProcess.start(server, dir.resolve(server + ".log"), args))
                    .hasMessageContaining("exited with 1")
                    .hasMessageContaining("jobwerk " + server + ": Cannot listen on 127.0.0.1:" + port + ": Address already in use")
                    .hasMessageNotContaining("Exception")
                    .hasMessageNotContaining("\tat ");
        }
    }
}
