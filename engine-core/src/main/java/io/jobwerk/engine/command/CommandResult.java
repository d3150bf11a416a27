package io.jobwerk.engine.command;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import java.util.List;
import java.util.Objects;

/**
 * What a command decided: the events to persist (in this order) and the response to return once
 * they are committed. An empty event list is a valid decision (a duplicate AddOrder, NoOperation).
 */
public record CommandResult(List<KeyedEvent<? extends Event>> events, CommandResponse response) {

    public CommandResult {
        events = List.copyOf(events);
        Objects.requireNonNull(response, "response");
    }

    /** No events, response {@code Accepted}. */
    public static CommandResult accepted() {
        return new CommandResult(List.of(), CommandResponse.ACCEPTED);
    }

    /** These events, response {@code Accepted}. */
    public static CommandResult accepted(List<? extends KeyedEvent<? extends Event>> events) {
        return new CommandResult(List.copyOf(events), CommandResponse.ACCEPTED);
    }
}
