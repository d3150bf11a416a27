package io.jobwerk.cli;

import io.jobwerk.engine.command.Command.CancelOrders;
import io.jobwerk.engine.order.CancellationMode;
import io.jobwerk.engine.order.OrderId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jobwerk cancel ORDER…}: {@code CancelOrders}. */
@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel orders.")
public final class CancelCommand implements Callable<Integer> {

    @Mixin
    ControllerOptions controller;

    @Parameters(arity = "1..*", paramLabel = "ORDER", converter = OrderIdsConverter.class, description = "Order ids.")
    List<OrderId> orderIds;

    @Option(names = "--fresh-only", description = "Cancel only orders that have not started.")
    boolean freshOnly;

    @Option(names = "--kill", description = "Kill a running job process (SIGTERM, SIGKILL after the job's sigkillDelay).")
    boolean kill;

    @Option(names = "--immediately", description = "Kill at once with SIGKILL (implies --kill).")
    boolean immediately;

    @Override
    public Integer call() {
        CancellationMode mode = freshOnly ? CancellationMode.FRESH_ONLY
                : kill || immediately ? CancellationMode.kill(immediately) : new CancellationMode.FreshOrStarted(Optional.empty());
        return controller.execute(new CancelOrders(orderIds, mode), "Cancellation requested: " + ids(orderIds));
    }

    static String ids(List<OrderId> ids) {
        return ids.stream().map(OrderId::string).collect(Collectors.joining(" "));
    }
}
