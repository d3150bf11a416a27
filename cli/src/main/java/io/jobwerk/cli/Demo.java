package io.jobwerk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.json.CommandJson;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.OrderId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo's set-up on a running {@link Standalone}: deploys the workflows of {@code DIR/workflows}
 * and adds the orders of {@code DIR/orders.json} (a JSON array of FreshOrders). An order id that
 * exists already (a second run on the same data) gets a suffix {@code -2}, {@code -3} …
 */
final class Demo {
    private Demo() {}

    /** What was set up. */
    record SetUp(ItemFiles.Deployment deployment, List<String> orderIds) {}

    /** The demo directory: {@code $jobwerk.home/demo} (the launcher sets it), else {@code ./demo}. */
    static Path defaultDirectory() {
        return Path.of(System.getProperty("jobwerk.home", ".")).resolve("demo");
    }

    static Checked<SetUp> setUp(Standalone standalone, Path demoDirectory, Instant now) throws Exception {
        Checked<ItemFiles.Deployment> deployment = ItemFiles.read(List.of(demoDirectory.resolve("workflows")), ItemFiles.freshVersionId(now));
        if (deployment.isFail()) {
            return Checked.fail(deployment.problemOption().orElseThrow());
        }
        Checked<Boolean> deployed = standalone.controller.deploy(deployment.orThrow().operations());
        if (deployed.isFail()) {
            return Checked.fail(deployed.problemOption().orElseThrow().withPrefix("Deployment of the demo workflows"));
        }
        Path ordersFile = demoDirectory.resolve("orders.json");
        Checked<JsonNode> orders;
        try {
            orders = EngineJson.parse(Files.readString(ordersFile));
        } catch (IOException e) {
            return Checked.fail(Problem.of("FileProblem", ordersFile + ": cannot be read: " + e.getMessage()));
        }
        if (orders.isFail() || !orders.orThrow().isArray()) {
            return Checked.fail(Problem.of("FileProblem", ordersFile + ": expected a JSON array of orders"));
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode node : orders.orThrow()) {
            ObjectNode json = ((ObjectNode) node).deepCopy();
            String id = json.path("id").asText();
            for (int n = 2; standalone.controller.keeper().state().orders().containsKey(new OrderId(id)); n++) {
                id = json.path("id").asText() + "-" + n;
            }
            json.put("id", id);
            Checked<FreshOrder> order = CommandJson.decodeFreshOrder(json);
            if (order.isFail()) {
                return Checked.fail(order.problemOption().orElseThrow().withPrefix(ordersFile.toString()));
            }
            Checked<CommandResponse> added = standalone.controller.keeper().execute(new Command.AddOrder(order.orThrow()))
                    .get(60, TimeUnit.SECONDS);
            if (added.isFail()) {
                return Checked.fail(added.problemOption().orElseThrow().withPrefix("Order " + id));
            }
            ids.add(id);
        }
        return Checked.ok(new SetUp(deployment.orThrow(), ids));
    }
}
