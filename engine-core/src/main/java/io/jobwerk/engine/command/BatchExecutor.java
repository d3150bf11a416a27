package io.jobwerk.engine.command;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.motor.MotorEnvironment;
import io.jobwerk.engine.state.EngineState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Batch}: executes the commands one after the other, each on the state the events of the
 * previous ones lead to. As in JS7, a failing command does not undo the others: its problem takes
 * its place in the {@link CommandResponse.BatchResponse} and the events of the successful commands
 * are returned.
 */
final class BatchExecutor {
    private BatchExecutor() {}

    static Checked<CommandResult> execute(EngineState state, Command.Batch batch, Instant now, MotorEnvironment environment) {
        EngineState current = state;
        List<KeyedEvent<? extends Event>> events = new ArrayList<>();
        List<Checked<CommandResponse>> responses = new ArrayList<>();
        for (Command command : batch.commands()) {
            EngineState before = current;
            Checked<CommandResult> result = CommandExecutor.execute(before, command, now, environment);
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
