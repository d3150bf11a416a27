package io.jobwerk.cockpit.connection;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import java.util.concurrent.CompletableFuture;

/** Sends a command to the Controller; completes with its response or the problem (never exceptionally). */
@FunctionalInterface
public interface CommandSender {
    CompletableFuture<Checked<CommandResponse>> send(Command command);
}
