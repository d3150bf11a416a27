package io.jobwerk.cli;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.command.Command.ResumeOrder;
import io.jobwerk.engine.command.Command.ResumeOrders;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.PositionJson;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.workflow.Position;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jobwerk resume ORDER…}: {@code ResumeOrders}, or {@code ResumeOrder} with {@code --position}. */
@Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume suspended or failed orders.")
public final class ResumeCommand implements Callable<Integer> {

    @Mixin
    ControllerOptions controller;

    @Parameters(arity = "1..*", paramLabel = "ORDER", converter = OrderIdsConverter.class, description = "Order ids.")
    List<OrderId> orderIds;

    @Option(names = "--position", paramLabel = "JSON", description = "Go on at this position, e.g. [2] (one order only).")
    String position;

    @Option(names = "--as-succeeded", description = "Take the failed outcome as succeeded, so the order goes on where it is (a failed job runs again); "
            + "without it a failed or stopped order fails or stops again at once (as JS7).")
    boolean asSucceeded;

    @Option(names = "--restart-killed-job", negatable = true, description = "Run a job an operator killed again "
            + "(--no-restart-killed-job: the order fails with the kill). Default, as JS7: when the job is restartable.")
    Boolean restartKilledJob;

    @Override
    public Integer call() {
        String done = "Resumption requested: " + CancelCommand.ids(orderIds);
        if (position == null) {
            return controller.execute(new ResumeOrders(orderIds, asSucceeded, Optional.ofNullable(restartKilledJob)), done);
        }
        if (orderIds.size() != 1) {
            throw new CommandLine.ParameterException(controller.spec.commandLine(), "--position needs exactly one order");
        }
        Checked<Position> p = EngineJson.parse(position).flatMap(PositionJson::decode);
        if (p.isFail()) {
            throw new CommandLine.ParameterException(controller.spec.commandLine(), "--position: " + p.problemOption().orElseThrow().message());
        }
        return controller.execute(new ResumeOrder(orderIds.get(0), Optional.of(p.orThrow()), List.of(), asSucceeded, Optional.ofNullable(restartKilledJob)), done);
    }
}
