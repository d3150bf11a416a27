package io.jobwerk.http.auth;

import io.jobwerk.engine.command.Command;
import java.util.Optional;
import java.util.Set;

/**
 * The permission each command of {@code POST /controller/api/command} needs (JS7 asks only for a
 * valid user there and leaves the rest to JOC Cockpit): orders and the workflows they run through
 * {@code ControlOrder}, the server and its Agents {@code Super}. A {@code Batch} needs what each of
 * its commands needs. The Controller's command route checks by it, and the Cockpit disables an
 * action its user may not do by the same rule.
 */
public final class CommandPermissions {
    private CommandPermissions() {}

    /** The first permission {@code command} needs that {@code user} lacks. */
    public static Optional<Permission> missing(UserAccount user, Command command) {
        return missing(user.permissions(), command);
    }

    /** The first permission {@code command} needs that the {@code granted} ones do not give. */
    public static Optional<Permission> missing(Set<Permission> granted, Command command) {
        if (command instanceof Command.Batch batch) {
            return batch.commands().stream().flatMap(c -> missing(granted, c).stream()).findFirst();
        }
        Permission needed = needed(command.kind());
        return needed.isGrantedBy(granted) ? Optional.empty() : Optional.of(needed);
    }

    /** What a command of this kind needs; a {@code Batch} needs more: see {@link #missing}. */
    public static Permission needed(Command.Kind kind) {
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
