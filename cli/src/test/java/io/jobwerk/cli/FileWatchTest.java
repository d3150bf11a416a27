package io.jobwerk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.http.auth.UserAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** FileWatch with a real directory: Agent-side scan, Controller-side orders, deletion after the file is gone. */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FileWatchTest {

    @TempDir
    Path tmp;

    @Test
    void eachMatchingFileBecomesAnOrderThatIsDeletedOnlyAfterTheFileIsGone() throws Exception {
        Path inbox = Files.createDirectories(tmp.resolve("inbox"));
        Path items = Files.createDirectories(tmp.resolve("items"));
        Files.writeString(items.resolve("consume.workflow.json"), """
                {"path": "fw/consume", "instructions": [{"TYPE": "Execute.Anonymous", "job": {"agentPath": "agent",
                  "executable": {"TYPE": "ShellScriptExecutable", "env": {"FILE": "$file"},
                    "script": "#!/bin/sh\\necho \\"got $FILE: $(cat $FILE)\\"\\ncase \\"$FILE\\" in *.csv) rm \\"$FILE\\";; esac\\n"}}}]}
                """);
        String dir = "'" + inbox.toAbsolutePath() + "'";
        Files.writeString(items.resolve("csv.filewatch.json"), """
                {"workflowPath": "fw/consume", "agentPath": "agent", "directoryExpr": "%s", "pattern": ".*\\\\.csv", "delay": 0}
                """.formatted(dir));
        Files.writeString(items.resolve("keep.filewatch.json"), """
                {"workflowPath": "fw/consume", "agentPath": "agent", "directoryExpr": "%s", "pattern": ".*\\\\.keep", "delay": 1}
                """.formatted(dir));
        Files.writeString(inbox.resolve("a.csv"), "1,2,3");
        Files.writeString(inbox.resolve("b.keep"), "kept");
        Files.writeString(inbox.resolve("ignored.txt"), "no order");

        UserAccount user = new UserOption().convert("fw:fw-pass");
        try (Standalone standalone = Standalone.start(tmp.resolve("data"), 0, List.of(user), false).orThrow()) {
            Cli cli = new Cli(standalone.controllerUri(), "fw:fw-pass");
            Cli.Result deployed = cli.client("deploy", items.toString());
            assertThat(deployed.exitCode()).as(deployed.err()).isZero();
            assertThat(deployed.out()).contains("Deployed FileWatch csv", "Deployed FileWatch keep");

            // a.csv: its order runs the job, which removes the file; then the order is deleted.
            String csvOrder = awaitOrder(standalone, "a.csv").id().string();
            assertThat(csvOrder).matches("#\\d{4}-\\d\\d-\\d\\d#F\\d+-csv:a\\.csv");
            assertThat(cli.client("log", "-f", csvOrder).out()).isEqualTo("got " + inbox.toAbsolutePath().resolve("a.csv") + ": 1,2,3\n");
            ClientCommandsTest.await(() -> linked(standalone, "a.csv").isEmpty(), "order of a.csv deleted");
            assertThat(cli.client("events").out().lines().filter(l -> l.contains(csvOrder)).map(l -> l.split("  ")[2]).toList())
                    .startsWith("OrderAdded", "OrderAttachable").contains("OrderFinished", "OrderExternalVanished").endsWith("OrderDeleted");

            // b.keep stays: its order finishes and stays until the file is removed.
            Order keep = awaitOrder(standalone, "b.keep");
            ClientCommandsTest.await(() -> linked(standalone, "b.keep").map(o -> o.state().kind() == OrderState.Kind.FINISHED).orElse(false),
                    "order of b.keep finished");
            Thread.sleep(1500);
            assertThat(linked(standalone, "b.keep")).isPresent();
            Files.delete(inbox.resolve("b.keep"));
            ClientCommandsTest.await(() -> !standalone.controller.keeper().state().orders().containsKey(keep.id()), "order of b.keep deleted");

            assertThat(Files.exists(inbox.resolve("ignored.txt"))).isTrue();
            assertThat(standalone.controller.keeper().state().orders().values()).noneMatch(o -> o.externalOrder().isPresent());
        }
    }

    static Optional<Order> linked(Standalone standalone, String file) {
        return standalone.controller.keeper().state().orders().values().stream()
                .filter(o -> o.externalOrder().map(l -> l.name().equals(file)).orElse(false)).findFirst();
    }

    static Order awaitOrder(Standalone standalone, String file) {
        ClientCommandsTest.await(() -> linked(standalone, file).isPresent(), "an order for " + file);
        return linked(standalone, file).orElseThrow();
    }
}
