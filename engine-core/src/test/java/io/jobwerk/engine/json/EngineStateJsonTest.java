package io.jobwerk.engine.json;

import static io.jobwerk.engine.json.JsonGoldenTest.assertSameTree;
import static io.jobwerk.engine.json.JsonGoldenTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.path.LockPath;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EngineStateJsonTest {

    private static final String W1 = "{`TYPE`:`Workflow`,`path`:`W`,`versionId`:`1`,`instructions`:[{`TYPE`:`Execute.Named`,"
            + "`jobName`:`A`,`label`:`L`}],`jobs`:{`A`:{`agentPath`:`AGENT`,`executable`:{`TYPE`:`ShellScriptExecutable`,`script`:`exit`}}}}";
    private static final String W2 = "{`TYPE`:`Workflow`,`path`:`W`,`versionId`:`2`,`instructions`:[{`TYPE`:`Fork`,`branches`:["
            + "{`id`:`a`,`workflow`:{`instructions`:[{`TYPE`:`Lock`,`demands`:[{`lockPath`:`SHARED`,`count`:2}],"
            + "`lockedWorkflow`:{`instructions`:[]}}]}},{`id`:`b`,`workflow`:{`instructions`:[]}}]}]}";
    private static final String X1 = "{`TYPE`:`Workflow`,`path`:`X`,`versionId`:`1`,`instructions`:[]}";

    /** {@code Key TAB event}; the key {@code -} means keyless. */
    private static final List<String> EVENTS = List.of(
            "-\t{`TYPE`:`UnsignedSimpleItemAdded`,`item`:{`TYPE`:`AgentRef`,`path`:`AGENT`,`directors`:[`SUBAGENT`],"
                    + "`requireFailoverConfirmation`:false}}",
            "-\t{`TYPE`:`UnsignedSimpleItemAdded`,`item`:{`TYPE`:`SubagentItem`,`id`:`SUBAGENT`,`agentPath`:`AGENT`,"
                    + "`uri`:`http://localhost:4445`,`disabled`:false}}",
            "-\t{`TYPE`:`UnsignedSimpleItemAdded`,`item`:{`TYPE`:`SubagentBundle`,`id`:`BUNDLE`,`subagentToPriority`:{`SUBAGENT`:1}}}",
            "-\t{`TYPE`:`UnsignedSimpleItemAdded`,`item`:{`TYPE`:`Lock`,`path`:`SHARED`,`limit`:3}}",
            "-\t{`TYPE`:`UnsignedSimpleItemAdded`,`item`:{`TYPE`:`Lock`,`path`:`EXCLUSIVE`,`limit`:1}}",
            "-\t{`TYPE`:`UnsignedSimpleItemAdded`,`item`:{`TYPE`:`Lock`,`path`:`IDLE`,`limit`:1}}",
            "-\t{`TYPE`:`UnsignedSimpleItemAdded`,`item`:{`TYPE`:`GlobalBoard`,`path`:`BOARD`,`postOrderToNoticeKey`:`'K'`,"
                    + "`expectOrderToNoticeKey`:`'K'`,`endOfLife`:`$js7EpochMilli + 1000`}}",
            "-\t{`TYPE`:`UnsignedSimpleItemAdded`,`item`:{`TYPE`:`JobResource`,`path`:`R`,`variables`:{`x`:`1`},`env`:{}}}",
            "-\t{`TYPE`:`UnsignedSimpleItemAdded`,`item`:{`TYPE`:`FileWatch`,`path`:`FW`,`workflowPath`:`W`,`agentPath`:`AGENT`,"
                    + "`directoryExpr`:`'/tmp'`,`delay`:0.5}}",
            "-\t{`TYPE`:`UnsignedSimpleItemAdded`,`item`:{`TYPE`:`Calendar`,`path`:`CAL`,`dateOffset`:0,"
                    + "`orderIdPattern`:`#([^#]+)#.*`,`periodDatePattern`:`yyyy-MM-dd`}}",
            "-\t{`TYPE`:`VersionAdded`,`versionId`:`1`}",
            "-\t{`TYPE`:`VersionedItemAdded`,`signed`:{`string`:`" + quoted(W1) + "`,`signature`:{`TYPE`:`Silly`,`signatureString`:`S`}}}",
            "-\t{`TYPE`:`VersionedItemAdded`,`signed`:{`string`:`" + quoted(X1) + "`,`signature`:{`TYPE`:`Unsigned`}}}",
            "-\t{`TYPE`:`VersionAdded`,`versionId`:`2`}",
            "-\t{`TYPE`:`VersionedItemChanged`,`signed`:{`string`:`" + quoted(W2) + "`,`signature`:{`TYPE`:`Unsigned`}}}",
            // An order on the old version W~1, and one on X~1 which is then removed but kept for its order.
            "old\t{`TYPE`:`OrderAdded`,`workflowId`:{`path`:`W`,`versionId`:`1`},`arguments`:{`n`:1.50},"
                    + "`scheduledFor`:1700000000000,`planId`:[]}",
            "onX\t{`TYPE`:`OrderAdded`,`workflowId`:{`path`:`X`,`versionId`:`1`},`planId`:[`DailyPlan`,`2025-02-26`]}",
            "-\t{`TYPE`:`VersionedItemRemoved`,`path`:`Workflow:X`}",
            // A forked parent; one child holds SHARED, the other is processing on the Agent.
            "forked\t{`TYPE`:`OrderAdded`,`workflowId`:{`path`:`W`,`versionId`:`2`},`planId`:[]}",
            "forked\t{`TYPE`:`OrderStarted`}",
            "forked\t{`TYPE`:`OrderForked`,`children`:[{`orderId`:`forked|a`,`branchId`:`a`},"
                    + "{`orderId`:`forked|b`,`branchId`:`b`,`arguments`:{`i`:2}}]}",
            "forked|a\t{`TYPE`:`OrderLocksAcquired`,`demands`:[{`lockPath`:`SHARED`,`count`:2}]}",
            "forked|b\t{`TYPE`:`OrderAttachable`,`agentPath`:`AGENT`}",
            "forked|b\t{`TYPE`:`OrderAttached`,`agentPath`:`AGENT`}",
            "forked|b\t{`TYPE`:`OrderProcessingStarted`,`subagentId`:`SUBAGENT`,`stick`:false}",
            // EXCLUSIVE held by one order, queued for by another.
            "holder\t{`TYPE`:`OrderAdded`,`workflowId`:{`path`:`W`,`versionId`:`2`},`planId`:[]}",
            "holder\t{`TYPE`:`OrderStarted`}",
            "holder\t{`TYPE`:`OrderLocksAcquired`,`demands`:[{`lockPath`:`EXCLUSIVE`}]}",
            "queued\t{`TYPE`:`OrderAdded`,`workflowId`:{`path`:`W`,`versionId`:`2`},`planId`:[]}",
            "queued\t{`TYPE`:`OrderStarted`}",
            "queued\t{`TYPE`:`OrderLocksQueued`,`demands`:[{`lockPath`:`EXCLUSIVE`}]}",
            // Notices: posted by an order and by command, expected, consumed.
            "poster\t{`TYPE`:`OrderAdded`,`workflowId`:{`path`:`W`,`versionId`:`2`},`planId`:[]}",
            "poster\t{`TYPE`:`OrderStarted`}",
            "poster\t{`TYPE`:`OrderNoticePosted`,`notice`:{`boardPath`:`BOARD`,`noticeKey`:`K2`,`endOfLife`:1700000000000}}",
            "BOARD\t{`TYPE`:`NoticePosted`,`notice`:{`boardPath`:`BOARD`,`noticeKey`:`K3`}}",
            "expecting\t{`TYPE`:`OrderAdded`,`workflowId`:{`path`:`W`,`versionId`:`2`},`planId`:[]}",
            "expecting\t{`TYPE`:`OrderStarted`}",
            "expecting\t{`TYPE`:`OrderNoticesExpected`,`expected`:[{`boardPath`:`BOARD`,`noticeKey`:`K1`}]}",
            "consumer\t{`TYPE`:`OrderAdded`,`workflowId`:{`path`:`W`,`versionId`:`2`},`planId`:[]}",
            "consumer\t{`TYPE`:`OrderStarted`}",
            "consumer\t{`TYPE`:`OrderNoticesConsumptionStarted`,`consumptions`:[{`boardPath`:`BOARD`,`noticeKey`:`K2`}]}",
            "consumer\t{`TYPE`:`OrderNoticesConsumptionStarted`,`consumptions`:[{`boardPath`:`BOARD`,`noticeKey`:`K3`}]}",
            // A finished order with history.
            "done\t{`TYPE`:`OrderAdded`,`workflowId`:{`path`:`W`,`versionId`:`1`},`planId`:[]}",
            "done\t{`TYPE`:`OrderStarted`}",
            "done\t{`TYPE`:`OrderProcessingStarted`,`subagentId`:`SUBAGENT`,`stick`:false}",
            "done\t{`TYPE`:`OrderProcessed`,`outcome`:{`TYPE`:`Succeeded`,`namedValues`:{`returnCode`:0}}}",
            "done\t{`TYPE`:`OrderMoved`,`to`:[1]}",
            "done\t{`TYPE`:`OrderFinished`}",
            // Workflow controls.
            "-\t{`TYPE`:`WorkflowPathControlUpdated`,`path`:`W`,`suspended`:true,`skip`:[`L`]}",
            "-\t{`TYPE`:`WorkflowPathControlUpdated`,`path`:`X`,`suspended`:false}",
            "-\t{`TYPE`:`WorkflowControlUpdated`,`workflowId`:{`path`:`W`,`versionId`:`2`},`breakpoints`:[[0],[0,`fork+a`,0]]}");

    private static String quoted(String json) {
        return json.replace("`", "\\`");
    }

    static EngineState builtState() {
        List<KeyedEvent<Event>> events = new ArrayList<>();
        for (String line : EVENTS) {
            String[] parts = line.replace('`', '"').split("\t", 2);
            Event event = ok(EventJson.decode(EngineJson.parse(parts[1]).orThrow()));
            events.add(new KeyedEvent<>(parts[0].equals("-") ? Optional.empty() : Optional.of(parts[0]), event));
        }
        return ok(EngineState.EMPTY.applyEvents(events));
    }

    @Test
    void stateBuiltByEventsIsWhatTheTestMeansToCover() {
        EngineState state = builtState();
        assertThat(state.workflows()).hasSize(3);
        assertThat(state.currentVersions()).doesNotContainKey(new WorkflowPath("X"));
        assertThat(state.orders().get(new OrderId("forked")).state()).isInstanceOf(OrderState.Forked.class);
        assertThat(state.orders()).containsKeys(new OrderId("forked|a"), new OrderId("forked|b"));
        assertThat(state.locks().get(new LockPath("SHARED")).holders()).containsEntry(new OrderId("forked|a"), 2);
        assertThat(state.locks().get(new LockPath("EXCLUSIVE")).queue()).containsExactly(new OrderId("queued"));
        assertThat(state.boards().get(new BoardPath("BOARD")).notices()).containsOnlyKeys("K2", "K3");
        assertThat(state.boards().get(new BoardPath("BOARD")).expectingOrders()).containsOnlyKeys("K1");
        assertThat(state.noticeConsumptions().get(new OrderId("consumer"))).hasSize(2);
        assertThat(state.breakpoints()).hasSize(1);
        assertThat(state.pathControls()).hasSize(2);
    }

    @Test
    void snapshotRoundTripsToAnEqualState() {
        EngineState state = builtState();
        List<ObjectNode> objects = EngineStateJson.snapshotObjects(state);
        EngineState rebuilt = ok(EngineStateJson.fromSnapshotObjects(objects));
        assertThat(rebuilt).isEqualTo(state);
        // Written as text lines and read back, and in reverse order: the same state.
        List<JsonNode> reparsed = objects.stream().map(o -> EngineJson.parse(EngineJson.print(o)).orThrow()).toList();
        List<JsonNode> reversed = new ArrayList<>(reparsed);
        java.util.Collections.reverse(reversed);
        assertThat(ok(EngineStateJson.fromSnapshotObjects(reversed))).isEqualTo(state);
        // Stable: the rebuilt state writes the same objects.
        List<ObjectNode> again = EngineStateJson.snapshotObjects(rebuilt);
        assertThat(again).hasSameSizeAs(objects);
        for (int i = 0; i < objects.size(); i++) {
            assertSameTree(again.get(i), objects.get(i));
        }
    }

    private static List<Map.Entry<String, byte[]>> entries(List<String> jsons) {
        List<Map.Entry<String, byte[]>> entries = new ArrayList<>();
        for (int i = 0; i < jsons.size(); i++) {
            entries.add(Map.entry("key-" + i, jsons.get(i).getBytes(StandardCharsets.UTF_8)));
        }
        return entries;
    }

    @Test
    void snapshotEntriesReadAsTheSameStateInAnyOrderAndWhateverTheirTypeFieldsPlace() {
        EngineState state = builtState();
        List<String> lines = EngineStateJson.snapshotObjects(state).stream().map(EngineJson::print).toList();
        assertThat(ok(EngineStateJson.fromSnapshotEntries(entries(lines)))).isEqualTo(state);
        List<String> reversed = new ArrayList<>(lines);
        java.util.Collections.reverse(reversed);
        assertThat(ok(EngineStateJson.fromSnapshotEntries(entries(reversed)))).isEqualTo(state);
        // TYPE not leading (another writer, or spaces): the parser tells the kind
        List<String> moved = lines.stream().map(l -> {
            ObjectNode o = (ObjectNode) EngineJson.parse(l).orThrow();
            JsonNode type = o.remove("TYPE");
            return " " + EngineJson.print(o.set("TYPE", type));
        }).toList();
        assertThat(moved.get(0)).doesNotStartWith("{\"TYPE\"");
        assertThat(ok(EngineStateJson.fromSnapshotEntries(entries(moved)))).isEqualTo(state);
    }

    @ParameterizedTest
    @MethodSource("badSnapshots")
    void badSnapshotEntryIsTheSameProblemAsTheObject(List<String> objects, String message, String object) {
        Problem problem = EngineStateJson.fromSnapshotEntries(entries(objects.stream().map(o -> o.replace('`', '"')).toList()))
                .problemOption().orElseThrow();
        assertThat(problem.message()).isEqualTo(message);
        assertThat(problem.arguments()).containsEntry("object", object);
    }

    @Test
    void snapshotEntryThatIsNoJsonIsAProblemNamingItsKey() {
        String w = "{\"TYPE\":\"Workflow\",\"path\":\"W\",\"versionId\":\"1\",\"instructions\":[]}";
        Problem problem = EngineStateJson.fromSnapshotEntries(entries(List.of(w, "{\"TYPE\":\"Order\",\"id\":"))).problemOption().orElseThrow();
        assertThat(problem.message()).startsWith("Snapshot entry key-1: ");
        assertThat(problem.code()).isEqualTo(EngineJson.SYNTAX_PROBLEM);
    }

    @Test
    void snapshotEntryWhoseTypeIsGivenTwiceIsAProblem() {
        String twice = "{\"TYPE\":\"Lock\",\"path\":\"L\",\"limit\":1,\"TYPE\":\"Order\"}";
        Problem problem = EngineStateJson.fromSnapshotEntries(entries(List.of(twice))).problemOption().orElseThrow();
        assertThat(problem.message()).isEqualTo("Snapshot object 1: JSON path $.TYPE: given more than once");
        // the other way round: a leading TYPE of the second pass, a later item TYPE (was dropped silently)
        String lockLast = "{\"TYPE\":\"Order\",\"path\":\"L\",\"limit\":1,\"TYPE\":\"Lock\"}";
        Problem second = EngineStateJson.fromSnapshotEntries(entries(List.of(lockLast))).problemOption().orElseThrow();
        assertThat(second.message()).isEqualTo("Snapshot object 1: JSON path $.TYPE: given more than once");
    }

    @Test
    void snapshotObjectsHaveTheDocumentedShapes() {
        List<String> lines = EngineStateJson.snapshotObjects(builtState()).stream().map(EngineJson::print).toList();
        assertThat(lines).contains(
                "{\"TYPE\":\"CurrentWorkflowVersion\",\"workflowId\":{\"path\":\"W\",\"versionId\":\"2\"}}",
                "{\"TYPE\":\"LockState\",\"lockPath\":\"EXCLUSIVE\",\"holders\":[{\"orderId\":\"holder\"}],\"queue\":[\"queued\"]}",
                "{\"TYPE\":\"LockState\",\"lockPath\":\"SHARED\",\"holders\":[{\"orderId\":\"forked|a\",\"count\":2}],\"queue\":[]}",
                "{\"TYPE\":\"Notice\",\"boardPath\":\"BOARD\",\"noticeKey\":\"K2\",\"endOfLife\":1700000000000}",
                "{\"TYPE\":\"NoticeExpectation\",\"boardPath\":\"BOARD\",\"noticeKey\":\"K1\",\"orderIds\":[\"expecting\"]}",
                "{\"TYPE\":\"OrderNoticeConsumptions\",\"orderId\":\"consumer\",\"consumptions\":"
                        + "[[{\"boardPath\":\"BOARD\",\"noticeKey\":\"K2\"}],[{\"boardPath\":\"BOARD\",\"noticeKey\":\"K3\"}]]}",
                "{\"TYPE\":\"WorkflowPathControl\",\"path\":\"W\",\"suspended\":true,\"skip\":[\"L\"]}",
                "{\"TYPE\":\"WorkflowControl\",\"workflowId\":{\"path\":\"W\",\"versionId\":\"2\"},\"breakpoints\":[[0],[0,\"fork+a\",0]]}");
        assertThat(lines.get(0)).startsWith("{\"TYPE\":\"AgentRef\"");
        assertThat(lines.stream().noneMatch(l -> l.contains("\"lockPath\":\"IDLE\""))).isTrue();
    }

    @Test
    void snapshotHeadedBySnapshotEventIdReadsAsTheSameStateAndTellsTheEventId() {
        EngineState state = builtState();
        List<JsonNode> lines = java.util.Arrays.stream(EngineStateJson.snapshotNdjson(state, 1234).split("\n"))
                .map(line -> EngineJson.parse(line).orThrow()).toList();
        assertThat(EngineJson.print(lines.get(0))).isEqualTo("{\"TYPE\":\"SnapshotEventId\",\"eventId\":1234}");
        assertThat(EngineStateJson.snapshotEventId(lines)).contains(1234L);
        assertThat(ok(EngineStateJson.fromSnapshotObjects(lines))).isEqualTo(state);
        assertThat(EngineStateJson.snapshotEventId(EngineStateJson.snapshotObjects(state))).isEmpty();
    }

    @Test
    void emptyStateHasNoObjects() {
        assertThat(EngineStateJson.snapshotObjects(EngineState.EMPTY)).isEmpty();
        assertThat(ok(EngineStateJson.fromSnapshotObjects(List.of()))).isEqualTo(EngineState.EMPTY);
    }

    static Stream<Arguments> badSnapshots() {
        String lock = "{`TYPE`:`Lock`,`path`:`L`,`limit`:1}";
        String w = "{`TYPE`:`Workflow`,`path`:`W`,`versionId`:`1`,`instructions`:[]}";
        return Stream.of(
                Arguments.of(List.of(lock, "{`TYPE`:`LockState`,`lockPath`:`M`,`holders`:[],`queue`:[]}"),
                        "Snapshot object 2: JSON path $.lockPath: unknown Lock 'M'", "2"),
                Arguments.of(List.of(lock, lock), "Snapshot object 2: JSON path $: duplicate item 'Lock:L'", "2"),
                Arguments.of(List.of(lock, "{`TYPE`:`LockState`,`lockPath`:`L`,`holders`:[{`orderId`:`A`}],`queue`:[]}"),
                        "Snapshot object 2: JSON path $.holders[0].orderId: unknown order 'A'", "2"),
                Arguments.of(List.of("{`TYPE`:`CurrentWorkflowVersion`,`workflowId`:{`path`:`W`,`versionId`:`1`}}"),
                        "Snapshot object 1: JSON path $.workflowId: unknown workflow 'W~1'", "1"),
                Arguments.of(List.of(w, "{`TYPE`:`Notice`,`boardPath`:`B`,`noticeKey`:`K`}"),
                        "Snapshot object 2: JSON path $.boardPath: unknown Board 'B'", "2"),
                Arguments.of(List.of(w, "{`TYPE`:`Repo`}"), "Snapshot object 2: JSON path $.TYPE: unknown snapshot object TYPE 'Repo'", "2"),
                Arguments.of(List.of("{`TYPE`:`Order`,`id`:`A`,`workflowPosition`:{`workflowId`:{`path`:`W`,`versionId`:`1`},"
                                + "`position`:[0]},`state`:{`TYPE`:`Fresh`},`planId`:[]}"),
                        "Snapshot object 1: JSON path $.workflowPosition: unknown workflow 'W~1'", "1"));
    }

    @ParameterizedTest
    @MethodSource("badSnapshots")
    void badSnapshotIsAProblemNamingObjectAndPath(List<String> objects, String message, String object) {
        Checked<EngineState> result = EngineStateJson.fromSnapshotObjects(
                objects.stream().map(o -> EngineJson.parse(o.replace('`', '"')).orThrow()).toList());
        Problem problem = result.problemOption().orElseThrow();
        assertThat(problem.message()).isEqualTo(message);
        assertThat(problem.code()).isEqualTo(EngineJson.DECODE_PROBLEM);
        assertThat(problem.arguments()).containsEntry("object", object);
    }
}
