package io.jobwerk.engine.command;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.state.EngineState;
import java.time.Instant;
import java.util.Map;

/**
 * The order commands the order motor decides: {@code CancelOrders}, {@code SuspendOrders},
 * {@code ResumeOrder}, {@code ResumeOrders}, {@code GoOrder}, {@code AnswerOrderPrompt}.
 */
final class MotorCommandExecutor {
    private MotorCommandExecutor() {}

    static Checked<CommandResult> execute(EngineState state, Command command, Instant now) {
        // NOT YET IMPLEMENTED: the single place to delegate to io.jobwerk.engine.motor.OrderEventSource once it lands.
        return Checked.fail(Problem.of("NotYetImplemented", command.typeName() + " is not implemented yet: it needs the order motor",
                Map.of("command", command.typeName())));
    }
}
