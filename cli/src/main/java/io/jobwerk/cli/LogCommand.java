package io.jobwerk.cli;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.http.client.EngineClient;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jobwerk log ORDER}: the order's whole log from the Controller's history
 * ({@code GET /controller/api/history/log/ORDER}): every step's output (and its fork children's)
 * under a header line naming the job and its start, also once the journal released the events.
 * With {@code --follow}, the output as it comes, from the kept events' {@code OrderStdoutWritten}
 * and {@code OrderStderrWritten} (stderr output to stderr) until the order ends.
 */
@Command(name = "log", mixinStandardHelpOptions = true, description = "Print an order's log (every step's stdout and stderr) from the history.")
public final class LogCommand implements Callable<Integer> {

    /** Events after which an order does no more jobs on its own. */
    private static final Set<String> ENDS = Set.of("OrderFinished", "OrderCancelled", "OrderDeleted", "OrderFailed", "OrderBroken");

    @Mixin
    ControllerOptions controller;

    @Parameters(index = "0", paramLabel = "ORDER", description = "Order id.")
    String orderId;

    @Option(names = {"-f", "--follow"}, description = "Print the output as it comes, from the kept events, until the order ends.")
    boolean follow;

    @Override
    public Integer call() {
        if (!follow) {
            try (EngineClient client = controller.client()) {
                Checked<String> log = client.getText(java.util.List.of("history", "log", orderId));
                if (log.isFail()) {
                    return controller.problem(log.problemOption().orElseThrow());
                }
                controller.out().print(log.orThrow());
                controller.out().flush();
                return 0;
            }
        }
        boolean[] seen = {false};
        String childPrefix = orderId + "|";
        try (EngineClient client = controller.client()) {
            Checked<Long> read = EventReader.read(client, 0, follow, e -> {
                String key = e.path("Key").asText("");
                if (!key.equals(orderId) && !key.startsWith(childPrefix)) {
                    return true;
                }
                seen[0] = true;
                String type = e.path("TYPE").asText();
                if (type.equals("OrderStdoutWritten")) {
                    controller.out().print(e.path("chunk").asText());
                    controller.out().flush();
                } else if (type.equals("OrderStderrWritten")) {
                    controller.err().print(e.path("chunk").asText());
                    controller.err().flush();
                }
                return !(follow && key.equals(orderId) && ENDS.contains(type));
            });
            if (read.isFail()) {
                return controller.problem(read.problemOption().orElseThrow());
            }
        }
        if (!seen[0]) {
            return controller.problem(Problem.of("UnknownOrder", "No events of order '" + orderId + "' are kept"));
        }
        return 0;
    }
}
