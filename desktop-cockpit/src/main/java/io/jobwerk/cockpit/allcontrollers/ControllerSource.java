package io.jobwerk.cockpit.allcontrollers;

import io.jobwerk.cockpit.connection.CommandSender;
import io.jobwerk.cockpit.live.LiveModel;
import java.util.Objects;

/**
 * One open connection as the view over all Controllers sees it: its name (the connection
 * profile's), its live model and where its commands go.
 */
public record ControllerSource(String name, LiveModel live, CommandSender commands) {

    public ControllerSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(commands, "commands");
    }
}
