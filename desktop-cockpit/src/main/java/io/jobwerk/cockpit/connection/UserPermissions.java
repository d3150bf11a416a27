package io.jobwerk.cockpit.connection;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.command.Command;
import io.jobwerk.http.auth.CommandPermissions;
import io.jobwerk.http.auth.Permission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who the Cockpit's user is at the Controller and what it was granted
 * ({@code GET /controller/api/session}), and so which actions the Controller would refuse: the
 * Controller's own rule ({@link CommandPermissions}). Until they are known (not connected yet, or a
 * Controller without the route) nothing is refused here; the Controller still checks each command.
 *
 * @param granted empty while unknown
 */
public record UserPermissions(String user, Optional<Set<Permission>> granted) {

    public UserPermissions {
        granted = granted.map(Set::copyOf);
    }

    public static UserPermissions unknown(String user) {
        return new UserPermissions(user, Optional.empty());
    }

    /** {@code {"user":…,"permissions":[…]}}; names this Cockpit does not know are left out. */
    public static UserPermissions fromJson(JsonNode json) {
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        json.path("permissions").forEach(p -> Arrays.stream(Permission.values())
                .filter(known -> known.name().equals(p.asText())).forEach(granted::add));
        return new UserPermissions(json.path("user").asText(""), Optional.of(granted));
    }

    /** Why a command of this kind would be refused, e.g. {@code needs permission ControlOrder; user viewer has ValidUser}; empty when it would not. */
    public String refusal(Command.Kind kind) {
        return refusal(CommandPermissions.needed(kind));
    }

    /** Why an action that needs {@code needed} would be refused; empty when it would not. */
    public String refusal(Permission needed) {
        if (granted.isEmpty() || needed.isGrantedBy(granted.get())) {
            return "";
        }
        String has = granted.get().isEmpty() ? "no permission"
                : Arrays.stream(Permission.values()).filter(granted.get()::contains).map(Permission::name).collect(Collectors.joining(", "));
        return "needs permission " + needed + "; user " + user + " has " + has;
    }

    /** The first refusal of the given kinds; empty when none would be refused. */
    public String refusal(Command.Kind... kinds) {
        return Arrays.stream(kinds).map(this::refusal).filter(r -> !r.isEmpty()).findFirst().orElse("");
    }
}
