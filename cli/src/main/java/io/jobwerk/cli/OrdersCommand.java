package io.jobwerk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.json.EngineStateJson;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.http.client.EngineClient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jobwerk orders}: a table of the Controller's orders, from its snapshot. */
@Command(name = "orders", mixinStandardHelpOptions = true, description = "List orders: id, workflow, position, state, Agent, obstacles.")
public final class OrdersCommand implements Callable<Integer> {

    @Mixin
    ControllerOptions controller;

    @Option(names = "--state", paramLabel = "S", description = "Only orders in this state (Fresh, Ready, Processing, Failed, Finished … or suspended).")
    String state;

    @Option(names = "--workflow", paramLabel = "W", description = "Only orders of this workflow path.")
    String workflow;

    @Override
    public Integer call() {
        Checked<EngineState> snapshot = readState(controller);
        if (snapshot.isFail()) {
            return controller.problem(snapshot.problemOption().orElseThrow());
        }
        List<List<String>> rows = OrderTable.rows(snapshot.orThrow(), Instant.now(), Optional.ofNullable(state), Optional.ofNullable(workflow));
        controller.out().print(OrderTable.format(OrderTable.HEADER, rows));
        controller.out().println(rows.size() + (rows.size() == 1 ? " order" : " orders"));
        controller.out().flush();
        return 0;
    }

    /** The Controller's current state, rebuilt by the core from {@code GET /controller/api/snapshot}. */
    static Checked<EngineState> readState(ControllerOptions controller) {
        try (EngineClient client = controller.client()) {
            Checked<List<JsonNode>> objects = client.getNdjson("/snapshot");
            return objects.flatMap(EngineStateJson::fromSnapshotObjects);
        }
    }
}
