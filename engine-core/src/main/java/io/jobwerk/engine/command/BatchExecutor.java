package io.jobwerk.engine.command;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.motor.MotorEnvironment;
import io.jobwerk.engine.state.EngineState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code Batch}: executes the commands one after the other, each on the state the events of the
 * previous ones lead to. As in JS7, a failing command does not undo the others: its problem takes
 * its place in the {@link CommandResponse.BatchResponse} and the events of the successful commands
 * are returned. A command the server carries out ({@link CommandExecutor#isCarriedOutByServer},
 * e.g. {@code TakeSnapshot}) is refused in its place with {@code NotInBatch}: answering it
 * {@code Accepted} would claim what nobody did. (The Controller executes such a Batch itself.)
 */
final class BatchExecutor {
    private BatchExecutor() {}

    static Checked<CommandResult> execute(EngineState state, Command.Batch batch, Instant now, MotorEnvironment environment) {
        EngineState current = state;
        List<KeyedEvent<? extends Event>> events = new ArrayList<>();
        List<Checked<CommandResponse>> responses = new ArrayList<>();
        for (Command command : batch.commands()) {
            EngineState before = current;
            Checked<CommandResult> result = command.kind() != Command.Kind.BATCH && CommandExecutor.isCarriedOutByServer(command)
                    ? Checked.fail(Problem.of("NotInBatch", command.typeName() + " inside a Batch is to be carried out by the server, "
                            + "not the engine", Map.of("command", command.typeName())))
                    : CommandExecutor.execute(before, command, now, environment);
            // An executor's events fit the state they were decided on; the check guards the batch against a bug there.
            Checked<EngineState> next = result.flatMap(r -> before.applyEvents(r.events()));
            if (next.isFail()) {
                responses.add(Checked.fail(next.problemOption().orElseThrow()));
            } else {
                current = next.orThrow();
                events.addAll(result.orThrow().events());
                responses.add(Checked.ok(result.orThrow().response()));
            }
        }
        return Checked.ok(new CommandResult(events, new CommandResponse.BatchResponse(responses)));
    }
}
