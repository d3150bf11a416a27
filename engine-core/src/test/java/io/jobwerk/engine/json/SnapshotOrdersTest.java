package io.jobwerk.engine.json;

import static io.jobwerk.engine.json.JsonGoldenTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.ParallelRunner;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.state.EngineState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** A checkpoint's orders decoded ahead in chunks give what decoding them in place gives. */
class SnapshotOrdersTest {
    /** Runs the tasks last first, so nothing may depend on their order. */
    private static final ParallelRunner BACKWARDS = tasks -> {
        List<Runnable> reversed = new ArrayList<>(tasks);
        Collections.reverse(reversed);
        reversed.forEach(Runnable::run);
    };

    /** {@link EngineStateJsonTest#builtState} (items, workflows, locks, notices, forks …) with {@code n} more orders. */
    static EngineState stateWithOrders(int n) {
        List<KeyedEvent<Event>> added = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String json = "{\"TYPE\":\"OrderAdded\",\"workflowId\":{\"path\":\"W\",\"versionId\":\"" + (1 + i % 2) + "\"},"
                    + "\"arguments\":{\"i\":" + i + ",\"s\":\"ä" + i + "\"},\"planId\":[]}";
            added.add(new KeyedEvent<>(Optional.of("order-" + i), ok(EventJson.decode(EngineJson.parse(json).orThrow()))));
        }
        return ok(EngineStateJsonTest.builtState().applyEvents(added));
    }

    static List<Map.Entry<String, byte[]>> entries(List<String> jsons) {
        List<Map.Entry<String, byte[]>> entries = new ArrayList<>();
        for (int i = 0; i < jsons.size(); i++) {
            entries.add(Map.entry("key-" + i, jsons.get(i).getBytes(StandardCharsets.UTF_8)));
        }
        return entries;
    }

    @Test
    void ordersDecodedAheadInChunksGiveTheStateDecodingInPlaceGives() {
        EngineState state = stateWithOrders(2 * SnapshotOrders.CHUNK + 123);
        List<String> lines = EngineStateJson.snapshotObjects(state).stream().map(EngineJson::print).toList();
        AtomicInteger tasks = new AtomicInteger();
        ParallelRunner counting = t -> {
            tasks.set(t.size());
            BACKWARDS.runAll(t);
        };

        EngineState inPlace = ok(EngineStateJson.fromSnapshotEntries(entries(lines)));
        EngineState ahead = ok(EngineStateJson.fromSnapshotEntries(entries(lines), counting));

        assertThat(tasks.get()).isEqualTo((lines.size() + SnapshotOrders.CHUNK - 1) / SnapshotOrders.CHUNK).isGreaterThan(1);
        assertThat(ahead).isEqualTo(inPlace).isEqualTo(state);
        assertThat(ahead.orders()).hasSize(state.orders().size()).containsKey(new OrderId("order-4000"));
        List<String> reversed = new ArrayList<>(lines);
        Collections.reverse(reversed); // orders before their workflows
        assertThat(ok(EngineStateJson.fromSnapshotEntries(entries(reversed), BACKWARDS))).isEqualTo(state);
    }

    static Stream<Arguments> badOrders() {
        String w = "{`TYPE`:`Workflow`,`path`:`W`,`versionId`:`1`,`instructions`:[]}";
        String order = "{`TYPE`:`Order`,`id`:`A`,`workflowPosition`:{`workflowId`:{`path`:`W`,`versionId`:`1`},"
                + "`position`:[0]},`state`:{`TYPE`:`Fresh`},`planId`:[]}";
        return Stream.of(
                Arguments.of(List.of(w, order, order), "Snapshot object 3: JSON path $.id: duplicate order 'A'"),
                Arguments.of(List.of(order.replace("`versionId`:`1`}", "`versionId`:`2`}"), w),
                        "Snapshot object 1: JSON path $.workflowPosition: unknown workflow 'W~2'"),
                Arguments.of(List.of(w, order.replace("`Fresh`", "`Fresco`")),
                        "Snapshot object 2: JSON path $.state.TYPE: unknown order state TYPE 'Fresco'"),
                Arguments.of(List.of(w, order.replace("`planId`:[]}", "`TYPE`:`Lock`}")),
                        "Snapshot object 2: JSON path $.TYPE: given more than once"),
                Arguments.of(List.of(w, "{`TYPE`:`Order`,`id`:"), "Snapshot entry key-1: "));
    }

    @ParameterizedTest
    @MethodSource("badOrders")
    void aBadOrderIsTheSameProblemDecodedAheadOrInPlace(List<String> objects, String message) {
        List<Map.Entry<String, byte[]>> entries = entries(objects.stream().map(o -> o.replace('`', '"')).toList());
        Problem inPlace = EngineStateJson.fromSnapshotEntries(entries).problemOption().orElseThrow();
        Problem ahead = EngineStateJson.fromSnapshotEntries(entries, BACKWARDS).problemOption().orElseThrow();

        assertThat(ahead).isEqualTo(inPlace);
        assertThat(ahead.message()).startsWith(message);
    }
}
