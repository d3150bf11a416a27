package io.jobwerk.engine.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed input never throws: each case decodes to a {@code JsonDecode} problem whose message
 * names the JSON path and what was expected, and whose {@code path} argument is that path.
 * JSON is written with {@code `} for {@code "} to keep the table readable.
 */
class JsonBadInputTest {

    enum Codec {
        WORKFLOW(WorkflowJson::decode),
        INSTRUCTION(InstructionJson::decode),
        JOB(JobJson::decode),
        POSITION(PositionJson::decode),
        OUTCOME(OutcomeJson::decode),
        PROBLEM(ProblemJson::decode),
        ORDER_EVENT(OrderEventJson::decode),
        STAMPED_EVENT(OrderEventJson::decodeStamped),
        COMMAND(CommandJson::decode),
        FRESH_ORDER(CommandJson::decodeFreshOrder),
        VALUE(ValueJson::decode),
        ITEM(ItemJson::decode),
        ITEM_OPERATION(ItemOperationJson::decode),
        ITEM_OPERATIONS(json -> ItemOperationJson.decodeNdjson(json.asText())),
        EVENT(EventJson::decodeStamped);

        final Function<com.fasterxml.jackson.databind.JsonNode, Checked<?>> decode;

        <T> Codec(Function<com.fasterxml.jackson.databind.JsonNode, Checked<T>> decode) {
            this.decode = json -> decode.apply(json);
        }
    }

    private static final String JOB_A = "`A`:{`agentPath`:`AGENT`,`executable`:{`TYPE`:`PathExecutable`,`path`:`a`}}";
    private static final String EMPTY = "{`instructions`:[]}";

    static Stream<Arguments> cases() {
        return Stream.of(
                // Workflow level
                bad(Codec.WORKFLOW, "[]", "JSON path $: expected an object, found array"),
                bad(Codec.WORKFLOW, "{`path`:`W`,`versionId`:`1`}", "JSON path $: missing required field 'instructions'"),
                bad(Codec.WORKFLOW, "{`path`:`W`,`instructions`:[]}", "JSON path $: missing required field 'versionId'"),
                bad(Codec.WORKFLOW, "{`path`:`a//b`,`versionId`:`1`,`instructions`:[]}",
                        "JSON path $.path: Invalid WorkflowPath 'a//b': must not start or end with '/' nor contain '//'"),
                bad(Codec.WORKFLOW, "{`TYPE`:`Lock`,`path`:`W`,`versionId`:`1`,`instructions`:[]}",
                        "JSON path $.TYPE: expected 'Workflow', found 'Lock'"),
                bad(Codec.WORKFLOW, "{`path`:`W`,`versionId`:`1`,`instructions`:{}}",
                        "JSON path $.instructions: expected an array, found object"),
                bad(Codec.WORKFLOW, "{`path`:`W`,`versionId`:`1`,`instructions`:[{`TYPE`:`Iff`}]}",
                        "JSON path $.instructions[0].TYPE: unknown instruction TYPE 'Iff' (docs/workflows.md lists the instructions)"),
                bad(Codec.WORKFLOW, "{`path`:`W`,`versionId`:`1`,`instructions`:[{`TYPE`:`Execute.Named`,`jobName`:`A`},"
                                + "{`TYPE`:`If`,`ifThens`:[{`predicate`:1,`then`:" + EMPTY + "}]}],`jobs`:{" + JOB_A + "}}",
                        "JSON path $.instructions[1].ifThens[0].predicate: expected a string, found number"),
                bad(Codec.WORKFLOW, "{`path`:`W`,`versionId`:`1`,`instructions`:[{`TYPE`:`If`,`ifThens`:[{`predicate`:`($a + 1`,`then`:"
                                + EMPTY + "}]}]}",
                        "JSON path $.instructions[0].ifThens[0].predicate: Expected ')' to close '(' of column 1 at column 8 in expression: ($a + 1"),
                bad(Codec.WORKFLOW, "{`path`:`W`,`versionId`:`1`,`instructions`:[{`TYPE`:`Execute.Named`,`jobName`:`X`}]}",
                        "JSON path $: At [0]: Workflow W~1 has no job 'X'"),
                bad(Codec.WORKFLOW, "{`path`:`W`,`versionId`:`1`,`instructions`:[{`TYPE`:`Retry`}]}",
                        "JSON path $: Workflow W~1: Retry at [0] is not inside a catch block"),
                bad(Codec.WORKFLOW, "{`path`:`W`,`versionId`:`1`,`timeZone`:`Mars/Olympus`,`instructions`:[]}",
                        "JSON path $.timeZone: unknown time zone 'Mars/Olympus'"),
                bad(Codec.WORKFLOW, "{`path`:`W`,`versionId`:`1`,`instructions`:[],`jobs`:{`a b`:{}}}",
                        "JSON path $.jobs[\"a b\"]: Invalid JobName 'a b': must not contain whitespace or control characters"),
                bad(Codec.WORKFLOW, "{`path`:`W`,`versionId`:`1`,`instructions`:[],"
                                + "`orderPreparation`:{`parameters`:{`p`:{`type`:`String`,`default`:`1`,`final`:`2`}}}}",
                        "JSON path $.orderPreparation.parameters.p: A parameter cannot have both 'default' and 'final'"),
                bad(Codec.WORKFLOW, "{`path`:`W`,`versionId`:`1`,`instructions`:[],"
                                + "`orderPreparation`:{`parameters`:{`p`:{`type`:`Integer`}}}}",
                        "JSON path $.orderPreparation.parameters.p.type: unknown parameter type 'Integer', expected String, Number, Boolean, List or Object"),
                // Instructions
                bad(Codec.INSTRUCTION, "{`jobName`:`A`}", "JSON path $: missing required field 'TYPE'"),
                bad(Codec.INSTRUCTION, "{`TYPE`:7}", "JSON path $.TYPE: expected a string, found number"),
                bad(Codec.INSTRUCTION, "{`TYPE`:`Stop`,`label`:`a b`}",
                        "JSON path $.label: Invalid Label 'a b': must not contain whitespace or control characters"),
                bad(Codec.INSTRUCTION, "{`TYPE`:`If`,`ifThens`:[]}", "JSON path $.ifThens: If needs at least one predicate"),
                bad(Codec.INSTRUCTION, "{`TYPE`:`Lock`,`demands`:[{`lockPath`:`L`,`count`:0}],`lockedWorkflow`:" + EMPTY + "}",
                        "JSON path $.demands[0].count: Lock count must be at least 1: 0"),
                bad(Codec.INSTRUCTION, "{`TYPE`:`Lock`,`demands`:[{`lockPath`:`L|1`}],`lockedWorkflow`:" + EMPTY + "}",
                        "JSON path $.demands[0].lockPath: Invalid LockPath 'L|1': must not contain '|'"),
                bad(Codec.INSTRUCTION, "{`TYPE`:`Try`,`try`:" + EMPTY + ",`catch`:" + EMPTY + ",`maxTries`:0}",
                        "JSON path $.maxTries: maxTries must be at least 1, found 0"),
                bad(Codec.INSTRUCTION, "{`TYPE`:`Try`,`try`:" + EMPTY + ",`catch`:" + EMPTY + ",`retryDelays`:[1,-1]}",
                        "JSON path $.retryDelays[1]: a retry delay must not be negative, found -1"),
                bad(Codec.INSTRUCTION, "{`TYPE`:`Fork`,`branches`:[{`id`:`a`,`workflow`:" + EMPTY + "},{`id`:`a`,`workflow`:" + EMPTY + "}]}",
                        "JSON path $.branches: Fork branch ids must be unique"),
                bad(Codec.INSTRUCTION, "{`TYPE`:`Fork`,`branches`:[{`id`:`a|b`,`workflow`:" + EMPTY + "}]}",
                        "JSON path $.branches[0].id: Fork branch id must be non-empty and must not contain '|': 'a|b'"),
                bad(Codec.INSTRUCTION, "{`TYPE`:`AddOrder`,`orderId`:`'X'`,`workflowPath`:`W`,`startPosition`:[1,`then`]}",
                        "JSON path $.startPosition: a position needs an odd number of elements (instruction numbers and branch ids), found 2"),
                bad(Codec.INSTRUCTION, "{`TYPE`:`AddOrder`,`orderId`:`'X'`,`workflowPath`:`W`,`stopPositions`:[5]}",
                        "JSON path $.stopPositions[0]: expected a position array or a label string, found number"),
                bad(Codec.INSTRUCTION, "{`TYPE`:`ExpectNotices`,`boardPaths`:`'A'`,`whenNotAnnounced`:`Never`}",
                        "JSON path $.whenNotAnnounced: expected one of Wait, DontWait, SkipWhenNoNotice, found 'Never'"),
                bad(Codec.INSTRUCTION, "{`TYPE`:`Cycle`,`schedule`:{`schemes`:[{`admissionTimeScheme`:{`periods`:[]},"
                                + "`repeat`:{`TYPE`:`Hourly`}}]},`cycleWorkflow`:" + EMPTY + "}",
                        "JSON path $.schedule.schemes[0].repeat.TYPE: unknown Cycle repeat TYPE 'Hourly'"),
                bad(Codec.INSTRUCTION, "{`TYPE`:`AdmissionTime`,`admissionTimeScheme`:{`periods`:[{`TYPE`:`DailyPeriod`,"
                                + "`secondOfDay`:90000,`duration`:60}]},`block`:" + EMPTY + "}",
                        "JSON path $.admissionTimeScheme.periods[0]: secondOfDay must be in 0..86399: 90000"),
                bad(Codec.INSTRUCTION, "{`TYPE`:`Finish`,`outcome`:{`TYPE`:`Caught`}}",
                        "JSON path $.outcome.TYPE: expected outcome TYPE 'Succeeded' or 'Failed', found 'Caught'"),
                bad(Codec.INSTRUCTION, "{`TYPE`:`Sleep`}", "JSON path $: missing required field 'duration'"),
                bad(Codec.INSTRUCTION, "{`TYPE`:`PostNotices`,`boardPaths`:[]}",
                        "JSON path $.boardPaths: PostNotices needs at least one board"),
                // Jobs
                bad(Codec.JOB, "{`executable`:{`TYPE`:`PathExecutable`,`path`:`a`}}", "JSON path $: missing required field 'agentPath'"),
                bad(Codec.JOB, "{`agentPath`:`AGENT`,`executable`:{`TYPE`:`PathExecutable`,`path`:`a`},`processLimit`:-1}",
                        "JSON path $.processLimit: processLimit must be at least 1, found -1"),
                bad(Codec.JOB, "{`agentPath`:`AGENT`,`executable`:{`TYPE`:`PathExecutable`,`path`:`a`},`parallelism`:`3`}",
                        "JSON path $.parallelism: expected a number, found string"),
                bad(Codec.JOB, "{`agentPath`:`AGENT`,`executable`:{`TYPE`:`PathExecutable`,`path`:`a`},`processLimit`:1.5}",
                        "JSON path $.processLimit: expected an integer, found 1.5"),
                bad(Codec.JOB, "{`agentPath`:`AGENT`,`executable`:{`TYPE`:`PathExecutable`,`path`:`a`},`sigkillDelay`:-5}",
                        "JSON path $.sigkillDelay: expected a non-negative number of seconds, found -5"),
                bad(Codec.JOB, "{`agentPath`:`AGENT`,`executable`:{`TYPE`:`JavaExecutable`}}",
                        "JSON path $.executable.TYPE: unknown executable TYPE 'JavaExecutable'"),
                bad(Codec.JOB, "{`agentPath`:`AGENT`,`executable`:{`TYPE`:`PathExecutable`,`path`:`a`,`returnCodeMeaning`:{`success`:`0,3..1`}}}",
                        "JSON path $.executable.returnCodeMeaning.success: Invalid return code range '3..1' in '0,3..1': expected a number or 'from..to'"),
                bad(Codec.JOB, "{`agentPath`:`AGENT`,`executable`:{`TYPE`:`PathExecutable`,`path`:`a`,`returnCodeMeaning`:{`success`:[0],`failure`:[1]}}}",
                        "JSON path $.executable.returnCodeMeaning: expected exactly one of 'success' and 'failure'"),
                bad(Codec.JOB, "{`agentPath`:`AGENT`,`executable`:{`TYPE`:`ShellScriptExecutable`,`script`:`x`,`env`:{`ENV-VAR`:1}}}",
                        "JSON path $.executable.env[\"ENV-VAR\"]: expected a string, found number"),
                bad(Codec.JOB, "{`agentPath`:`/AGENT`,`executable`:{`TYPE`:`PathExecutable`,`path`:`a`}}",
                        "JSON path $.agentPath: Invalid AgentPath '/AGENT': must not start or end with '/' nor contain '//'"),
                bad(Codec.JOB, "{`agentPath`:`AGENT`,`executable`:{`TYPE`:`PathExecutable`,`path`:``}}",
                        "JSON path $.executable.path: PathExecutable.path must not be empty"),
                // Positions, outcomes, problems
                bad(Codec.POSITION, "[1,`then`,-1]", "JSON path $[2]: an instruction number must not be negative, found -1"),
                bad(Codec.POSITION, "[`then`,0,1]", "JSON path $[0]: expected a number, found string"),
                bad(Codec.OUTCOME, "{`TYPE`:`Disrupted`,`reason`:{`TYPE`:`Crashed`}}",
                        "JSON path $.reason.TYPE: unknown Disrupted reason TYPE 'Crashed'"),
                bad(Codec.OUTCOME, "{`TYPE`:`Failed`,`namedValues`:[]}", "JSON path $.namedValues: expected an object, found array"),
                bad(Codec.PROBLEM, "{`TYPE`:`Problem`}", "JSON path $: missing required field 'message'"),
                bad(Codec.VALUE, "{`a`:[1e999999999]}", "JSON path $.a[0]: number out of range: 1E+999999999"),
                // Orders, events, commands
                bad(Codec.FRESH_ORDER, "{`id`:`A|B`,`workflowPath`:`W`}", "JSON path $.id: Invalid OrderId 'A|B': must not contain '|'"),
                bad(Codec.FRESH_ORDER, "{`id`:`A`,`workflowPath`:`W`,`planId`:[`DailyPlan`]}",
                        "JSON path $.planId: expected [] or [planSchemaId, planKey], found 1 elements"),
                bad(Codec.COMMAND, "{`TYPE`:`CancelOrder`,`orderIds`:[]}", "JSON path $.TYPE: unknown command TYPE 'CancelOrder'"),
                bad(Codec.COMMAND, "{`TYPE`:`Batch`,`commands`:[{`TYPE`:`AddOrder`,`order`:{`id`:`A`,`workflowPath`:`W//X`}}]}",
                        "JSON path $.commands[0].order.workflowPath: Invalid WorkflowPath 'W//X': must not start or end with '/' nor contain '//'"),
                bad(Codec.COMMAND, "{`TYPE`:`CancelOrders`,`orderIds`:[`A`],`mode`:{`TYPE`:`Now`}}",
                        "JSON path $.mode.TYPE: unknown cancellation mode TYPE 'Now'"),
                bad(Codec.ORDER_EVENT, "{`TYPE`:`OrderMoved`,`to`:`[1]`}", "JSON path $.to: expected an array, found string"),
                bad(Codec.ORDER_EVENT, "{`TYPE`:`OrderJumped`}", "JSON path $.TYPE: unknown order event TYPE 'OrderJumped'"),
                bad(Codec.ORDER_EVENT, "{`TYPE`:`OrderSleeping`,`until`:1.5}", "JSON path $.until: expected an integer, found 1.5"),
                bad(Codec.STAMPED_EVENT, "{`eventId`:1,`TYPE`:`SnapshotTaken`}", "JSON path $: missing required field 'Key'"),
                bad(Codec.STAMPED_EVENT, "{`eventId`:-1,`Key`:`A`,`TYPE`:`OrderStarted`}",
                        "JSON path $.eventId: eventId must not be negative, found -1"),
                // Items, item operations (an NDJSON body is given as a JSON string), any event
                bad(Codec.ITEM, "{`TYPE`:`Lock`,`path`:`L`,`limit`:`1`}", "JSON path $.limit: expected a number, found string"),
                bad(Codec.ITEM, "{`TYPE`:`AgentRef`,`path`:`A`,`directors`:[`S 1`]}",
                        "JSON path $.directors[0]: Invalid SubagentId 'S 1': must not contain whitespace or control characters"),
                bad(Codec.ITEM, "{`TYPE`:`SubagentItem`,`id`:`S`,`agentPath`:`A`,`uri`:``}", "JSON path $.uri: uri must not be empty"),
                bad(Codec.ITEM, "{`TYPE`:`GlobalBoard`,`path`:`B`,`postOrderToNoticeKey`:`$a +`,`expectOrderToNoticeKey`:`1`}",
                        null),
                bad(Codec.ITEM, "{`TYPE`:`SubagentBundle`,`id`:`B`,`subagentToPriority`:{`A|B`:1}}",
                        "JSON path $.subagentToPriority[\"A|B\"]: Invalid SubagentId 'A|B': must not contain '|'"),
                bad(Codec.ITEM, "{`TYPE`:`Calendar`,`path`:`C`,`orderIdPattern`:`x`}",
                        "JSON path $: missing required field 'periodDatePattern'"),
                bad(Codec.ITEM, "{`TYPE`:`JobResource`,`path`:`R`,`env`:{`A`:1}}", "JSON path $.env.A: expected a string, found number"),
                bad(Codec.ITEM_OPERATION, "{`TYPE`:`DeleteSimple`,`path`:`Workflow:W`}", null),
                bad(Codec.ITEM_OPERATION, "{`TYPE`:`AddVersion`}", "JSON path $: missing required field 'versionId'"),
                badLine(Codec.ITEM_OPERATIONS, "`{\\`TYPE\\`:\\`AddVersion\\`,\\`versionId\\`:\\`1\\`}\\n"
                                + "{\\`TYPE\\`:\\`AddOrChangeSimple\\`,\\`item\\`:{\\`TYPE\\`:\\`Lock\\`,\\`path\\`:7}}`",
                        "Line 2: JSON path $.item.path: expected a string, found number"),
                bad(Codec.EVENT, "{`eventId`:1,`TYPE`:`OrderExploded`,`Key`:`A`}", "JSON path $.TYPE: unknown event TYPE 'OrderExploded'"),
                bad(Codec.EVENT, "{`eventId`:1,`TYPE`:`NoticePosted`,`notice`:{`boardPath`:`B`}}",
                        "JSON path $.notice: missing required field 'noticeKey'"));
    }

    private static Arguments bad(Codec codec, String json, String expectedMessage) {
        return Arguments.of(codec, json.replace('`', '"'), expectedMessage);
    }

    /** A problem of a multi-line body: its message starts with {@code Line n: }. */
    private static Arguments badLine(Codec codec, String json, String expectedMessage) {
        return Arguments.of(codec, json.replace('`', '"'), expectedMessage);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void badInputIsAProblemNamingThePath(Codec codec, String json, String expectedMessage) {
        Checked<?> result = codec.decode.apply(EngineJson.parse(json).orThrow());

        assertThat(result.isFail()).as("decoding should fail").isTrue();
        Problem problem = result.problemOption().orElseThrow();
        assertThat(problem.code()).isEqualTo(EngineJson.DECODE_PROBLEM);
        if (expectedMessage == null) {  // a problem of the expression parser or the model, wrapped with the path
            assertThat(problem.message()).startsWith("JSON path $");
            return;
        }
        assertThat(problem.message()).isEqualTo(expectedMessage);
        String message = expectedMessage.startsWith("Line ") ? expectedMessage.substring(expectedMessage.indexOf(": ") + 2)
                : expectedMessage;
        String path = message.substring("JSON path ".length(), message.indexOf(": "));
        assertThat(problem.arguments()).containsEntry("path", path);
    }

}
