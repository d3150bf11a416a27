package io.jobwerk.controller.web;

import io.jobwerk.engine.command.Command;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.auth.UserAccount;
import java.util.Optional;

/**
 * The permission each command of {@code POST /controller/api/command} needs (JS7 asks only for a
 * valid user there and leaves the rest to JOC Cockpit): orders and the workflows they run through
 * {@code ControlOrder}, the server and its Agents {@code Super}. A {@code Batch} needs what each of
 * its commands needs.
 */
final class CommandPermissions {
    private CommandPermissions() {}

    /** The first permission {@code command} needs that {@code user} lacks. */
    static Optional<Permission> missing(UserAccount user, Command command) {
        if (command instanceof Command.Batch batch) {
            return batch.commands().stream().flatMap(c -> missing(user, c).stream()).findFirst();
        }
        Permission needed = needed(command.kind());
        return user.may(needed) ? Optional.empty() : Optional.of(needed);
    }

    static Permission needed(Command.Kind kind) {
        return switch (kind) {
            case NO_OPERATION, BATCH -> Permission.ValidUser;
            case ADD_ORDER, ADD_ORDERS, CANCEL_ORDERS, SUSPEND_ORDERS, RESUME_ORDER, RESUME_ORDERS, GO_ORDER,
                    ANSWER_ORDER_PROMPT, DELETE_ORDERS_WHEN_TERMINATED, CHANGE_ORDER, TRANSFER_ORDERS, POST_NOTICE,
                    DELETE_NOTICE, CONTROL_WORKFLOW_PATH, CONTROL_WORKFLOW -> Permission.ControlOrder;
            case RELEASE_EVENTS, TAKE_SNAPSHOT, SHUT_DOWN, EMERGENCY_STOP, RESET_AGENT, RESET_SUBAGENT -> Permission.Super;
            case CREATE_DAILY_PLAN, SUBMIT_DAILY_PLAN, CANCEL_DAILY_PLAN, DELETE_DAILY_PLAN -> Permission.ControlOrder;
        };
    }
}
