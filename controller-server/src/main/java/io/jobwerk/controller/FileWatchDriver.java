package io.jobwerk.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.command.FileWatchExecutor;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.json.ItemJson;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.http.client.EngineClient;
import io.jobwerk.runtime.Decision;
import io.jobwerk.runtime.EngineKeeper;
import io.jobwerk.scheduler.Scheduler;
import io.jobwerk.scheduler.TaskQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the deployed {@code FileWatch} items: every {@code period} it asks each watch's Agent for
 * the stable files of the watch's directory ({@code POST /agent/api/fileWatch} with the item, the
 * Agent's {@code FileWatcher} scans) and lets {@link FileWatchExecutor} decide the orders to add,
 * mark vanished and delete. An unreachable Agent or a missing directory changes nothing (orders are
 * never marked vanished because a scan failed); the problem is logged once until it changes.
 */
final class FileWatchDriver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileWatchDriver.class);

    private final EngineKeeper keeper;
    private final Clock clock;
    private final String userId;
    private final String password;
    private final Map<String, EngineClient> clients = new ConcurrentHashMap<>();
    private final Map<String, String> lastProblems = new ConcurrentHashMap<>();
    private final TaskQueue timer;

    FileWatchDriver(EngineKeeper keeper, Scheduler scheduler, String userId, String password) {
        this.keeper = keeper;
        this.clock = scheduler.clock();
        this.timer = scheduler.queue("controller-filewatch");
        this.userId = userId;
        this.password = password;
    }

    FileWatchDriver start(Duration period) {
        timer.scheduleWithFixedDelay(period, period, this::scanAll);
        return this;
    }

    private void scanAll() {
        try {
            EngineState state = keeper.state();
            for (Item item : state.items().values()) {
                if (item instanceof Item.FileWatch watch) {
                    scan(state, watch);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("FileWatch scan failed", e);
        }
    }

    private void scan(EngineState state, Item.FileWatch watch) {
        Checked<String> uri = state.agentRef(watch.agentPath())
                .flatMap(agent -> state.subagent(agent.directors().get(0))).map(Item.SubagentItem::uri);
        Checked<Boolean> done = uri.flatMap(u -> clients.computeIfAbsent(u, x -> new EngineClient(x + "/agent/api", userId, password))
                        .postJson("/fileWatch", ItemJson.encode(watch)))
                .flatMap(answer -> decide(watch, answer));
        String problem = done.problemOption().map(p -> p.message()).orElse(null);
        String key = watch.path().string();
        if (problem == null) {
            lastProblems.remove(key);
        } else if (!problem.equals(lastProblems.put(key, problem))) {
            LOG.warn("FileWatch '" + key + "': " + problem);
        }
    }

    private Checked<Boolean> decide(Item.FileWatch watch, JsonNode answer) {
        String directory = answer.path("directory").asText();
        Set<String> files = new TreeSet<>();
        answer.path("files").forEach(f -> files.add(f.asText()));
        try {
            return keeper.transact(state -> {
                // The item may have changed or gone since the scan started.
                if (!(state.items().get(watch.key()) instanceof Item.FileWatch current) || !current.equals(watch)) {
                    return Checked.ok(Decision.of(java.util.List.of(), Boolean.FALSE));
                }
                return FileWatchExecutor.execute(state, watch, directory, files, clock.instant()).map(events -> Decision.of(events, Boolean.TRUE));
            }).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            return Checked.fail(io.jobwerk.engine.base.Problem.of("ServiceUnavailable", "FileWatch decision did not complete: " + e));
        }
    }

    @Override
    public void close() {
        timer.closeNow();
        clients.values().forEach(EngineClient::close);
    }
}
