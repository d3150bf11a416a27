package io.jobwerk.cli;

import io.jobwerk.engine.command.Command.SuspendOrders;
import io.jobwerk.engine.order.CancellationMode;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.SuspensionMode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jobwerk suspend ORDER…}: {@code SuspendOrders}. */
@Command(name = "suspend", mixinStandardHelpOptions = true, description = "Suspend orders (they stop at the next instruction).")
public final class SuspendCommand implements Callable<Integer> {

    @Mixin
    ControllerOptions controller;

    @Parameters(arity = "1..*", paramLabel = "ORDER", converter = OrderIdsConverter.class, description = "Order ids.")
    List<OrderId> orderIds;

    @Option(names = "--kill", description = "Kill a running job process (SIGTERM, SIGKILL after the job's sigkillDelay).")
    boolean kill;

    @Option(names = "--immediately", description = "Kill at once with SIGKILL (implies --kill).")
    boolean immediately;

    @Option(names = "--reset-state", description = "Leave a Lock, Cycle … the order is in.")
    boolean resetState;

    @Override
    public Integer call() {
        Optional<CancellationMode.Kill> k = kill || immediately ? Optional.of(new CancellationMode.Kill(immediately, Optional.empty())) : Optional.empty();
        return controller.execute(new SuspendOrders(orderIds, new SuspensionMode(resetState, k)),
                "Suspension requested: " + CancelCommand.ids(orderIds));
    }
}
