package io.jobwerk.cockpit.log;

import java.util.Optional;

/**
 * A step of an order's log: the job that ran, for which order (a fork's child has its own id) and
 * at which position, from which line; {@code outcome} once it ended (e.g. {@code Succeeded}, {@code Failed, returnCode 3}).
 */
public record LogSection(int index, int firstLine, String startedAt, String job, String orderId, String position,
                         Optional<String> agent, Optional<String> outcome) {

    public LogSection ended(String outcome) {
        return new LogSection(index, firstLine, startedAt, job, orderId, position, agent, Optional.of(outcome));
    }

    /** e.g. {@code extract · etl-1 · [0] · Succeeded, returnCode 0}, or {@code … · running}. */
    public String title() {
        return job + " · " + orderId + " · " + position + " · " + outcome.orElse("running");
    }

    public boolean failed() {
        return outcome.map(o -> !o.startsWith("Succeeded")).orElse(false);
    }
}
