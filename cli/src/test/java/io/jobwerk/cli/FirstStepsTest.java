package io.jobwerk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.http.auth.UserAccount;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a newcomer meets first: the events without bookkeeping, and errors that say what to do next. */
class FirstStepsTest {

    @TempDir
    static Path data;
    static Standalone standalone;
    static Cli cli;

    @BeforeAll
    static void start() throws Exception {
        UserAccount user = new UserOption().convert("tester:tester-pass");
        standalone = Standalone.start(data.resolve("standalone"), 0, List.of(user), false).orThrow();
        cli = new Cli(standalone.controllerUri(), "tester:tester-pass");
        assertThat(cli.client("deploy", ClientCommandsTest.DEMO_WORKFLOWS.toString()).exitCode()).isZero();
        Cli.Result log = cli.client("order", "add", "demo/hello", "--id", "first");
        assertThat(log.exitCode()).as(log.err()).isZero();
        assertThat(cli.client("log", "first", "--follow").exitCode()).isZero();
    }

    @AfterAll
    static void stop() {
        if (standalone != null) {
            standalone.close();
        }
    }

    @Test
    void eventsHideTheBookkeepingUnlessAll() {
        String shown = cli.client("events").out();
        String all = cli.client("events", "--all").out();
        assertThat(all).contains("AgentEventsObserved");
        assertThat(shown).contains("first  OrderFinished").doesNotContain("AgentEventsObserved").doesNotContain("SnapshotTaken");
        assertThat(cli.client("events", "--json").out()).doesNotContain("AgentEventsObserved");
    }

    @Test
    void aWrongLoginNamesTheUserTriedAndTheDemosUser() {
        Cli.Result r = new Cli(standalone.controllerUri(), "admin:secret").client("orders");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("Login failed").contains("tried as user 'admin'").contains("demo:demo");
    }

    @Test
    void aRefusedConnectionSaysToStartAServer() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Cli.Result r = new Cli("http://127.0.0.1:" + closed, "demo:demo").client("orders");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("ConnectionRefused").contains("./jobwerk standalone --data DIR").contains("bin/controller.sh start");
    }

    @Test
    void aMissingOrEmptyOrderIdSaysToQuoteTheHash() {
        // `jobwerk log #2026-…#T01-hello` in a shell: everything from # on is a comment
        Cli.Result missing = cli.client("log");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required parameter: 'ORDER'").contains("must be quoted in a shell");
        Cli.Result empty = cli.client("cancel", "");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("ORDER is empty").contains("must be quoted in a shell");
    }
}
