package io.jobwerk.subagent.web;

import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.Permission;

/**
 * A request of a user with {@code AgentDirector} (the event stream's long-poll included) is the
 * Director's sign of life; another user watching the overview must not keep the processes alive.
 */
@FunctionalInterface
public interface DirectorContact {

    /** The Director was heard from. */
    void contact();

    /** {@code handler}, noting the Director's contact first when the user is the Director. */
    default Authentication.AuthenticatedHandler counting(Authentication.AuthenticatedHandler handler) {
        return (exchange, user) -> {
            if (user.may(Permission.AgentDirector)) {
                contact();
            }
            handler.handle(exchange, user);
        };
    }
}
