package io.jobwerk.engine.json;

import static io.jobwerk.engine.json.JsonGoldenTest.assertSameTree;
import static io.jobwerk.engine.json.JsonGoldenTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OrderEventJsonTest {

    /** One JSON per order event kind, in the shape JS7 writes (` stands for "). */
    static final List<String> EVENTS = List.of(
            "{`TYPE`:`OrderAdded`,`workflowId`:{`path`:`W`,`versionId`:`1`},`arguments`:{`who`:`world`,`n`:1.50},"
                    + "`scheduledFor`:1488888000000,`planId`:[`DailyPlan`,`2025-02-26`],`deleteWhenTerminated`:true,"
                    + "`forceAdmission`:true,`innerBlock`:[1,`then`],`startPosition`:[1,`then`,2],"
                    + "`stopPositions`:[[9,`catch`,0],`LABEL`],`priority`:1.23}",
            "{`TYPE`:`OrderOrderAdded`,`orderId`:`CHILD`,`workflowId`:{`path`:`W`,`versionId`:`1`}}",
            "{`TYPE`:`OrderAttachable`,`agentPath`:`AGENT`}",
            "{`TYPE`:`OrderAttachedToAgent`,`order`:{`TYPE`:`Order`,`id`:`A|B`,"
                    + "`workflowPosition`:{`workflowId`:{`path`:`W`,`versionId`:`1`},`position`:[0]},"
                    + "`state`:{`TYPE`:`Processing`,`subagentId`:`SUBAGENT`},`arguments`:{`x`:true},"
                    + "`historicOutcomes`:[{`position`:[0],`outcome`:{`TYPE`:`Succeeded`,`namedValues`:{`returnCode`:0}}}],"
                    + "`attachedState`:{`TYPE`:`Attached`,`agentPath`:`AGENT`},`parent`:`A`,"
                    + "`mark`:{`TYPE`:`Cancelling`,`mode`:{`TYPE`:`FreshOrStarted`,`kill`:{`immediately`:true}}},"
                    + "`isSuspended`:true,`stickySubagents`:[{`agentPath`:`AGENT`,`subagentBundleId`:`B`}],`planId`:[]}}",
            "{`TYPE`:`OrderAttached`,`agentPath`:`AGENT`}",
            "{`TYPE`:`OrderDetachable`}",
            "{`TYPE`:`OrderDetached`}",
            "{`TYPE`:`OrderStarted`}",
            "{`TYPE`:`OrderProcessingStarted`,`subagentId`:`SUBAGENT`,`stick`:false}",
            "{`TYPE`:`OrderStdoutWritten`,`chunk`:`hello\\n`}",
            "{`TYPE`:`OrderStderrWritten`,`chunk`:`oops\\n`}",
            "{`TYPE`:`OrderProcessed`,`outcome`:{`TYPE`:`Disrupted`,`reason`:{`TYPE`:`ProcessLost`,"
                    + "`problem`:{`message`:`lost`}},`uncatchable`:true}}",
            "{`TYPE`:`OrderProcessingKilled`}",
            "{`TYPE`:`OrderMoved`,`to`:[1,`try+0`,0],`reason`:{`TYPE`:`SkippedDueToWorkflowPathControl`}}",
            "{`TYPE`:`OrderOutcomeAdded`,`outcome`:{`TYPE`:`Failed`,`message`:`M`,`namedValues`:{`returnCode`:7}}}",
            "{`TYPE`:`OrderFailed`,`movedTo`:[2]}",
            "{`TYPE`:`OrderFailedInFork`,`movedTo`:[2]}",
            "{`TYPE`:`OrderCaught`,`movedTo`:[1,`catch+0`,0]}",
            "{`TYPE`:`OrderRetrying`,`delayedUntil`:1700000000000}", // JS7 2.9: no movedTo (an OrderMoved follows)
            "{`TYPE`:`OrderAwoke`}",
            "{`TYPE`:`OrderForked`,`children`:[{`orderId`:`A|🥕`,`branchId`:`🥕`},{`orderId`:`A|1`,`arguments`:{`i`:1}}]}",
            "{`TYPE`:`OrderJoined`,`outcome`:{`TYPE`:`Succeeded`}}",
            "{`TYPE`:`OrderFinished`,`outcome`:{`TYPE`:`Failed`}}",
            "{`TYPE`:`OrderCancelled`}",
            "{`TYPE`:`OrderDeletionMarked`}",
            "{`TYPE`:`OrderDeleted`}",
            "{`TYPE`:`OrderLocksQueued`,`demands`:[{`lockPath`:`LOCK`,`count`:2}]}",
            "{`TYPE`:`OrderLocksAcquired`,`demands`:[{`lockPath`:`LOCK`}]}",
            "{`TYPE`:`OrderLocksReleased`,`lockPaths`:[`LOCK`]}",
            "{`TYPE`:`OrderLocksDequeued`,`lockPaths`:[`LOCK`]}",
            "{`TYPE`:`OrderNoticePosted`,`noticeId`:[`BOARD`,`2025-02-26`],`endOfLife`:1700000000000}",
            "{`TYPE`:`OrderNoticesExpected`,`noticeIds`:[[`BOARD`,`K`]]}",
            "{`TYPE`:`OrderNoticesRead`}",
            "{`TYPE`:`OrderNoticesConsumptionStarted`,`noticeIds`:[[`BOARD`,`K`]]}",
            "{`TYPE`:`OrderNoticesConsumed`,`failed`:true}",
            "{`TYPE`:`OrderPrompted`,`question`:`QUESTION`}",
            "{`TYPE`:`OrderPromptAnswered`}",
            "{`TYPE`:`OrderCyclingPrepared`,`cycleState`:{`end`:1700003600000,`schemeIndex`:0,`periodIndex`:0,`index`:1,`next`:1700000000000}}",
            "{`TYPE`:`OrderCycleStarted`}",
            "{`TYPE`:`OrderCycleFinished`,`cycleState`:{`end`:1700003600000,`schemeIndex`:1,`periodIndex`:0,`index`:2,`next`:1700000600000}}",
            "{`TYPE`:`OrderSleeping`,`until`:1700000000000,`cause`:{`TYPE`:`SleepInstruction`}}",
            "{`TYPE`:`OrderWaitingForAdmission`,`until`:1700000000000}",
            "{`TYPE`:`OrderSuspensionMarked`,`mode`:{`resetState`:true,`kill`:{`immediately`:false}}}",
            "{`TYPE`:`OrderSuspended`}",
            "{`TYPE`:`OrderResumptionMarked`,`position`:[1],`historyOperations`:[{`TYPE`:`Replace`,`position`:[0],"
                    + "`outcome`:{`TYPE`:`Succeeded`,`namedValues`:{`returnCode`:0}}}],`asSucceeded`:true,`restartKilledJob`:false}",
            "{`TYPE`:`OrderResumed`,`historyOperations`:[{`TYPE`:`Insert`,`before`:[1],`position`:[0],`outcome`:{`TYPE`:`Caught`}},"
                    + "{`TYPE`:`Delete`,`position`:[2]},{`TYPE`:`Append`,`position`:[3],`outcome`:{`TYPE`:`Succeeded`}}],"
                    + "`asSucceeded`:false,`restartKilledJob`:true}",
            "{`TYPE`:`OrderCancellationMarked`,`mode`:{`TYPE`:`FreshOrStarted`,`kill`:{`immediately`:true,"
                    + "`workflowPosition`:{`workflowId`:{`path`:`W`,`versionId`:`1`},`position`:[0]}}}}",
            "{`TYPE`:`OrderCancellationMarkedOnAgent`}",
            "{`TYPE`:`OrderSuspensionMarkedOnAgent`}",
            "{`TYPE`:`OrderStateReset`}",
            "{`TYPE`:`OrderOperationCancelled`}",
            "{`TYPE`:`OrderGoMarked`,`position`:[1]}",
            "{`TYPE`:`OrderGoes`}",
            "{`TYPE`:`OrderStopped`}",
            "{`TYPE`:`OrderBroken`,`problem`:{`TYPE`:`Problem`,`code`:`UnknownJob`,`arguments`:{`jobName`:`A`},`message`:`no job`}}",
            "{`TYPE`:`OrderTransferred`,`workflowPosition`:{`workflowId`:{`path`:`W`,`versionId`:`2`},`position`:[0]}}",
            "{`TYPE`:`OrderPriorityChanged`,`priority`:7}",
            "{`TYPE`:`OrderStickySubagentEntered`,`agentPath`:`AGENT`,`subagentBundleId`:`BUNDLE`}",
            "{`TYPE`:`OrderStickySubagentLeaved`}",
            "{`TYPE`:`OrderExternalVanished`}",
            "{`TYPE`:`OrderPlanAttached`,`planId`:[`DailyPlan`,`2025-02-26`]}");

    static Stream<String> events() {
        return EVENTS.stream().map(s -> s.replace('`', '"'));
    }

    @ParameterizedTest
    @MethodSource("events")
    void eventRoundTrips(String json) {
        JsonNode node = EngineJson.parse(json).orThrow();
        OrderEvent event = ok(OrderEventJson.decode(node));
        ObjectNode encoded = OrderEventJson.encode(event);
        assertSameTree(encoded, node);
        assertThat(ok(OrderEventJson.decode(encoded))).isEqualTo(event);
    }

    @Test
    void everyOrderEventKindHasAnExample() {
        Set<OrderEvent.Kind> kinds = EnumSet.noneOf(OrderEvent.Kind.class);
        events().forEach(json -> kinds.add(ok(OrderEventJson.decode(EngineJson.parse(json).orThrow())).kind()));
        assertThat(kinds).containsExactlyInAnyOrder(OrderEvent.Kind.values());
    }

    @Test
    void traceOrderEventsRoundTripExactly() {
        assertTraceOrderEventsRoundTrip(Js7Fixtures.lines(Js7Fixtures.path("traces/" + Js7Fixtures.TRACE_EVENTS)));
    }

    static void assertTraceOrderEventsRoundTrip(List<String> lines) {
        List<String> types = new ArrayList<>();
        int orderEvents = 0;
        for (String line : lines) {
            JsonNode node = EngineJson.parse(line).orThrow();
            Checked<Stamped<OrderEvent>> decoded = OrderEventJson.decodeStamped(node);
            if (!node.path("TYPE").asText().startsWith("Order")) {
                assertThat(decoded.isFail()).as(line).isTrue();  // not an order event: a problem, no exception
                continue;
            }
            Stamped<OrderEvent> stamped = ok(decoded);
            assertSameTree(OrderEventJson.encodeStamped(stamped), node);
            if (stamped.keyedEvent().key().orElseThrow().equals("trace-1")) {
                types.add(stamped.keyedEvent().event().typeName());
            }
            orderEvents++;
        }
        assertThat(orderEvents).isGreaterThan(10);
        assertThat(types).containsExactly("OrderAdded", "OrderAttachable", "OrderAttached", "OrderStarted",
                "OrderProcessingStarted", "OrderStdoutWritten", "OrderProcessed", "OrderMoved",
                "OrderProcessingStarted", "OrderStderrWritten", "OrderProcessed", "OrderCaught",
                "OrderProcessingStarted", "OrderStdoutWritten", "OrderProcessed", "OrderMoved",
                "OrderDetachable", "OrderDetached", "OrderFinished");
    }

    @Test
    void orderSnapshotRoundTrips() {
        String json = EVENTS.get(3).replace('`', '"');
        JsonNode orderJson = EngineJson.parse(json).orThrow().get("order");
        Order order = ok(OrderJson.decode(orderJson));
        assertSameTree(OrderJson.encode(order), orderJson);
    }

    @Test
    void aSleepingOrderNamesItsCauseAsJs7Does() {
        String json = EVENTS.get(3).replace('`', '"')
                .replace("{\"TYPE\":\"Processing\",\"subagentId\":\"SUBAGENT\"}",
                        "{\"TYPE\":\"Sleeping\",\"until\":1700000000000,\"cause\":{\"TYPE\":\"SleepInstruction\"}}");
        JsonNode orderJson = EngineJson.parse(json).orThrow().get("order");
        Order order = ok(OrderJson.decode(orderJson));
        assertThat(order.state()).isInstanceOf(io.jobwerk.engine.order.OrderState.Sleeping.class);
        assertSameTree(OrderJson.encode(order), orderJson);
    }
}
