package io.jobwerk.engine.json;

import static io.jobwerk.engine.json.JsonGoldenTest.assertSameTree;
import static io.jobwerk.engine.json.JsonGoldenTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.order.FreshOrder;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CommandJsonTest {

    /** The commands of js7-reference §3 verbatim, then one of each other kind (` stands for "). */
    static final List<String> COMMANDS = List.of(
            "{`TYPE`:`CancelOrders`,`orderIds`:[`A`,`B`],`mode`:{`TYPE`:`FreshOrStarted`,`kill`:{`immediately`:true}}}",
            "{`TYPE`:`SuspendOrders`,`orderIds`:[`A`],`mode`:{`resetState`:true,`kill`:{`immediately`:false}}}",
            "{`TYPE`:`ResumeOrder`,`orderId`:`ORDER`,`position`:[1],`historyOperations`:[{`TYPE`:`Replace`,`position`:[0],"
                    + "`outcome`:{`TYPE`:`Succeeded`,`namedValues`:{`returnCode`:0}}}],`asSucceeded`:true}",
            "{`TYPE`:`ResumeOrders`,`orderIds`:[`A`,`B`],`asSucceeded`:true,`restartKilledJob`:true}",
            "{`TYPE`:`GoOrder`,`orderId`:`ORDER`,`position`:[1]}",
            "{`TYPE`:`AnswerOrderPrompt`,`orderId`:`ORDER`}",
            "{`TYPE`:`DeleteOrdersWhenTerminated`,`orderIds`:[`A`,`B`]}",
            "{`TYPE`:`ChangeOrder`,`orderId`:`ORDER`,`priority`:7}",
            "{`TYPE`:`TransferOrders`,`workflowId`:{`path`:`WORKFLOW`,`versionId`:`v1`}}",
            "{`TYPE`:`AddOrder`,`order`:{`id`:`ORDER-ID`,`workflowPath`:`WORKFLOW`,`planId`:[`DailyPlan`,`2025-02-26`],"
                    + "`arguments`:{`boolean`:true,`number`:1.5,`string`:`STRING`,`list`:[true,123,`x`]},"
                    + "`scheduledFor`:1488888000000,`priority`:1.23,`deleteWhenTerminated`:true,`forceAdmission`:true,"
                    + "`innerBlock`:[1,`then`],`startPosition`:[1,`then`,2],`stopPositions`:[[9,`catch`,0],`LABEL`]}}",
            "{`TYPE`:`AddOrders`,`orders`:[{`id`:`trace-1`,`workflowPath`:`trace/simple`,`arguments`:{`who`:`world`},`planId`:[]}]}",
            "{`TYPE`:`CancelOrders`,`orderIds`:[`A`],`mode`:{`TYPE`:`FreshOnly`}}",
            "{`TYPE`:`PostNotice`,`noticeId`:{`boardPath`:`BOARD`,`noticeKey`:`2025-02-26`},`endOfLife`:1700000000000}",
            "{`TYPE`:`DeleteNotice`,`noticeId`:{`boardPath`:`BOARD`,`noticeKey`:`K`}}",
            "{`TYPE`:`ControlWorkflowPath`,`workflowPath`:`W`,`suspend`:true,`skip`:{`LABEL`:true,`OTHER`:false}}",
            "{`TYPE`:`ControlWorkflow`,`workflowId`:{`path`:`W`,`versionId`:`1`},`addBreakpoints`:[[0],[1,`then`,0]],"
                    + "`removeBreakpoints`:[[2]]}",
            "{`TYPE`:`Batch`,`commands`:[{`TYPE`:`NoOperation`},{`TYPE`:`TakeSnapshot`}]}",
            "{`TYPE`:`ReleaseEvents`,`untilEventId`:1795364124630001}",
            "{`TYPE`:`ShutDown`,`restart`:true,`clusterAction`:{`TYPE`:`Switchover`},`suppressSnapshot`:true}",
            "{`TYPE`:`EmergencyStop`,`restart`:true}",
            "{`TYPE`:`ResetAgent`,`agentPath`:`AGENT`,`force`:true}",
            "{`TYPE`:`ResetSubagent`,`subagentId`:`SUBAGENT`}",
            "{`TYPE`:`CreateDailyPlan`,`dateFrom`:`2027-01-04`,`dateTo`:`2027-01-10`}",
            "{`TYPE`:`SubmitDailyPlan`,`dateFrom`:`2027-01-04`,`dateTo`:`2027-01-04`}",
            "{`TYPE`:`CancelDailyPlan`,`dateFrom`:`2027-01-04`,`dateTo`:`2027-01-06`}",
            "{`TYPE`:`DeleteDailyPlan`,`dateFrom`:`2027-01-05`,`dateTo`:`2027-01-05`}");

    static Stream<String> commands() {
        return COMMANDS.stream().map(s -> s.replace('`', '"'));
    }

    /** Input forms JS7 accepts but writes differently. */
    static JsonNode normalise(JsonNode json) {
        JsonNode copy = json.deepCopy();
        normaliseInPlace(copy);
        return copy;
    }

    private static void normaliseInPlace(JsonNode node) {
        node.forEach(CommandJsonTest::normaliseInPlace);
        if (node instanceof ObjectNode o) {
            // false booleans are the default and are not written
            if (o.path("restartKilledJob").isBoolean() && !o.get("restartKilledJob").booleanValue()) {
                o.remove("restartKilledJob");
            }
            // a FreshOrder of the global plan has no planId
            if (o.has("workflowPath") && o.has("id") && o.path("planId").isArray() && o.get("planId").isEmpty()) {
                o.remove("planId");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void commandRoundTrips(String json) {
        JsonNode node = EngineJson.parse(json).orThrow();
        Command command = ok(CommandJson.decode(node));
        ObjectNode encoded = CommandJson.encode(command);
        assertSameTree(encoded, normalise(node));
        assertThat(ok(CommandJson.decode(encoded))).isEqualTo(command);
    }

    @Test
    void everyCommandKindHasAnExample() {
        Set<Command.Kind> kinds = EnumSet.noneOf(Command.Kind.class);
        commands().forEach(json -> {
            Command c = ok(CommandJson.decode(EngineJson.parse(json).orThrow()));
            kinds.add(c.kind());
            if (c instanceof Command.Batch batch) {
                batch.commands().forEach(inner -> kinds.add(inner.kind()));
            }
        });
        assertThat(kinds).containsExactlyInAnyOrder(Command.Kind.values());
    }

    @Test
    void typeNameIsTheRecordsSimpleName() {
        commands().forEach(json -> {
            Command c = ok(CommandJson.decode(EngineJson.parse(json).orThrow()));
            assertThat(CommandJson.typeName(c.kind())).isEqualTo(c.typeName());
        });
    }

    @Test
    void freshOrderOfTheTraceDecodes() {
        FreshOrder order = ok(CommandJson.decodeFreshOrder(EngineJson.parse(
                "{\"id\":\"trace-1\",\"workflowPath\":\"trace/simple\",\"arguments\":{\"who\":\"world\"},\"planId\":[]}").orThrow()));
        assertThat(order.id().string()).isEqualTo("trace-1");
        assertThat(order.planId().isGlobal()).isTrue();
        assertThat(EngineJson.print(CommandJson.encode(order)))
                .isEqualTo("{\"id\":\"trace-1\",\"workflowPath\":\"trace/simple\",\"arguments\":{\"who\":\"world\"}}");
    }

    @Test
    void responsesRoundTrip() {
        for (String json : List.of("{\"TYPE\":\"Accepted\"}",
                "{\"TYPE\":\"AddOrder.Response\",\"ignoredBecauseDuplicate\":true}",
                "{\"TYPE\":\"BatchResponse\",\"responses\":[{\"TYPE\":\"Accepted\"},"
                        + "{\"TYPE\":\"Problem\",\"code\":\"UnknownOrder\",\"message\":\"Unknown order 'X'\"}]}")) {
            JsonNode node = EngineJson.parse(json).orThrow();
            CommandResponse response = ok(CommandJson.decodeResponse(node));
            assertThat(EngineJson.print(CommandJson.encode(response))).isEqualTo(json);
        }
    }
}
