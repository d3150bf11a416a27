package io.jobwerk.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.workflow.WorkflowId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code TransferOrders} reaches an order attached to the Agent: it continues there on the new version. */
class TransferOrdersSystemTest {

    @TempDir
    Path data;

    private String workflow(String version, Path gate) {
        return """
                {"TYPE": "Workflow", "path": "moving", "versionId": "VERSION",
                 "instructions": [{"TYPE": "Execute.Named", "jobName": "wait"}, {"TYPE": "Execute.Named", "jobName": "say"}],
                 "jobs": {
                  "wait": {"agentPath": "agent", "executable": {"TYPE": "ShellScriptExecutable",
                           "script": "#!/bin/sh\\necho waiting\\nwhile [ ! -e GATE ]; do sleep 0.05; done\\n"}},
                  "say": {"agentPath": "agent", "executable": {"TYPE": "ShellScriptExecutable", "script": "#!/bin/sh\\necho on VERSION\\n"}}}}
                """.replace("VERSION", version).replace("GATE", gate.toString());
    }

    @Test
    void attachedOrderContinuesOnTheNewVersionAtTheAgent() throws Exception {
        Path gate = data.resolve("gate");
        try (InProcessSystem system = InProcessSystem.start(data.resolve("system"))) {
            system.deployWorkflows("1", workflow("1", gate));
            system.addOrder(FreshOrder.of("mover", "moving"));
            system.awaitEvent("mover", e -> e instanceof OrderEvent.OrderStdoutWritten w && w.chunk().contains("waiting"), 60_000);

            system.deployWorkflows("2", workflow("2", gate));
            system.execute(new Command.TransferOrders(WorkflowId.of("moving", "1"))).orThrow();
            // The Agent has the order on version 2 before the job goes on.
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline && !onVersion2AtTheAgent(system)) {
                Thread.sleep(10);
            }
            assertThat(onVersion2AtTheAgent(system)).as("order on version 2 at the Agent").isTrue();
            Files.createFile(gate);

            system.awaitEvent("mover", e -> e instanceof OrderEvent.OrderFinished, 60_000);
            String stdout = system.events("mover").stream().map(s -> s.keyedEvent().event())
                    .filter(e -> e instanceof OrderEvent.OrderStdoutWritten).map(e -> ((OrderEvent.OrderStdoutWritten) e).chunk())
                    .collect(Collectors.joining());
            assertThat(stdout).isEqualTo("waiting\non 2\n");
            assertThat(system.eventNames("mover")).containsOnlyOnce("OrderTransferred");
            assertThat(system.standalone().controller().keeper().state().orders().get(new OrderId("mover")).workflowId())
                    .isEqualTo(WorkflowId.of("moving", "2"));
        }
    }

    private static boolean onVersion2AtTheAgent(InProcessSystem system) {
        var order = system.standalone().agent().keeper().state().orders().get(new OrderId("mover"));
        return order != null && order.workflowId().equals(WorkflowId.of("moving", "2"));
    }
}
