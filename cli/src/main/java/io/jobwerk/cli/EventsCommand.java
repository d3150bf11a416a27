package io.jobwerk.cli;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.http.client.EngineClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jobwerk events}: the Controller's events, one line each. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Print the Controller's events, from the oldest kept one (or --after ID), one line each.")
public final class EventsCommand implements Callable<Integer> {

    @Mixin
    ControllerOptions controller;

    @Option(names = "--after", paramLabel = "ID", defaultValue = "0", description = "Only events after this event id.")
    long after;

    @Option(names = {"-f", "--follow"}, description = "Wait for new events (until Ctrl-C).")
    boolean follow;

    @Option(names = "--json", description = "Print the events as the server sends them (NDJSON).")
    boolean json;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "Stop after N events (0: no limit).")
    int limit;

    @Option(names = "--all", description = "Also the journal's bookkeeping (AgentEventsObserved, SubagentEventsObserved, SnapshotTaken).")
    boolean all;

    /** Events that record how far a stream was read or the journal was compacted: nothing happened to an order or an item. */
    static final java.util.Set<String> BOOKKEEPING = java.util.Set.of("AgentEventsObserved", "SubagentEventsObserved", "SnapshotTaken");

    @Override
    public Integer call() {
        int[] count = {0};
        try (EngineClient client = controller.client()) {
            Checked<Long> read = EventReader.read(client, after, follow, e -> {
                if (!all && BOOKKEEPING.contains(e.path("TYPE").asText())) {
                    return true;
                }
                controller.out().println(json ? e.toString() : EventLine.format(e));
                controller.out().flush();
                count[0]++;
                return limit <= 0 || count[0] < limit;
            });
            if (read.isFail()) {
                return controller.problem(read.problemOption().orElseThrow());
            }
        }
        return 0;
    }
}
