package io.jobwerk.engine.json;

import static io.jobwerk.engine.json.JsonGoldenTest.assertSameTree;
import static io.jobwerk.engine.json.JsonGoldenTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.item.SignedString;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.engine.workflow.Workflow;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ItemOperationJsonTest {

    /** JS7's {@code ItemOperationTest} lines, plus Jobwerk's unsigned workflow (` stands for "). */
    static final List<String> LINES = List.of(
            "{`TYPE`:`AddVersion`,`versionId`:`1`}",
            "{`TYPE`:`AddOrChangeSigned`,`signedString`:{`string`:`{\\`TYPE\\`:\\`Workflow\\`,\\`path\\`:\\`WORKFLOW\\`,"
                    + "\\`versionId\\`:\\`1\\`,\\`instructions\\`:[]}`,`signature`:{`TYPE`:`PGP`,`signatureString`:`SIG`}}}",
            "{`TYPE`:`AddOrChangeSigned`,`signedString`:{`string`:`{}`,`signature`:{`TYPE`:`X509`,`signatureString`:`SIG`,"
                    + "`algorithm`:`SHA512withECDSA`,`signerId`:`CN=SIGNER`}}}",
            "{`TYPE`:`AddOrChangeSimple`,`item`:{`TYPE`:`Lock`,`path`:`LOCK`,`limit`:1}}",
            "{`TYPE`:`AddOrChangeSimple`,`item`:{`TYPE`:`Workflow`,`path`:`W`,`versionId`:`1`,`instructions`:[]}}",
            "{`TYPE`:`DeleteSimple`,`path`:`Lock:LOCK`}",
            "{`TYPE`:`RemoveVersioned`,`path`:`Workflow:WORKFLOW`}");

    static Stream<String> lines() {
        return LINES.stream().map(s -> s.replace('`', '"'));
    }

    @ParameterizedTest
    @MethodSource("lines")
    void operationRoundTrips(String json) {
        JsonNode node = EngineJson.parse(json).orThrow();
        ItemOperation op = ok(ItemOperationJson.decode(node));
        assertSameTree(ItemOperationJson.encode(op), node);
        assertThat(ok(ItemOperationJson.decode(ItemOperationJson.encode(op)))).isEqualTo(op);
    }

    @Test
    void everyKindHasAnExample() {
        Set<ItemOperation.Kind> kinds = EnumSet.noneOf(ItemOperation.Kind.class);
        lines().forEach(j -> kinds.add(ok(ItemOperationJson.decode(EngineJson.parse(j).orThrow())).kind()));
        assertThat(kinds).containsExactlyInAnyOrder(ItemOperation.Kind.values());
    }

    @Test
    void ndjsonBodyDecodesInOrderAndKeepsTheSignedStringVerbatim() {
        String body = String.join("\n", lines().toList()) + "\n\n";
        List<ItemOperation> ops = ok(ItemOperationJson.decodeNdjson(body));
        assertThat(ops).hasSize(LINES.size());
        SignedString signed = ((ItemOperation.AddOrChangeSigned) ops.get(1)).signedString();
        assertThat(signed.string()).isEqualTo("{\"TYPE\":\"Workflow\",\"path\":\"WORKFLOW\",\"versionId\":\"1\",\"instructions\":[]}");
        assertThat(signed.signature()).isEqualTo(new SignedString.Signature("PGP", "SIG"));
        Workflow w = ok(ItemJson.decodeSignedWorkflow(signed));
        assertThat(w.id().toString()).isEqualTo("WORKFLOW~1");
        assertThat(ItemOperationJson.encodeNdjson(ops)).isEqualTo(String.join("\n", lines().toList()) + "\n");
    }

    @Test
    void unsignedWorkflowWithoutVersionIdTakesThePrecedingAddVersion() {
        String body = "{\"TYPE\":\"AddVersion\",\"versionId\":\"V7\"}\r\n"
                + "{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"Workflow\",\"path\":\"W\",\"instructions\":[]}}\r\n";
        List<ItemOperation> ops = ok(ItemOperationJson.decodeNdjson(body));
        var deployable = ((ItemOperation.AddOrChangeSimple) ops.get(1)).deployable();
        assertThat(((ItemOperation.Deployable.UnsignedWorkflow) deployable).workflow().id().versionId())
                .isEqualTo(new VersionId("V7"));
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("{`TYPE`:`AddVersion`,`versionId`:`1`}\n{`TYPE`:`AddOrChangeSimple`,`item`:{`TYPE`:`Lock`,`path`:`a//b`}}",
                        "JsonDecode", "2", "Line 2: JSON path $.item.path: Invalid LockPath 'a//b': must not start or end with '/' nor contain '//'"),
                Arguments.of("\n\n{`TYPE`:`DeleteSimple`,`path`:`LOCK`}",
                        "JsonDecode", "3", "Line 3: JSON path $.path: Invalid simple item key 'LOCK': expected TYPE:path with TYPE one of "
                                + "[Agent, Board, Calendar, FileWatch, JobResource, Lock, "
                        + "NonWorkingDaysCalendar, Schedule, Subagent, SubagentBundle, WorkingDaysCalendar]"),
                Arguments.of("{`TYPE`:`AddVersion`,`versionId`:`1`}\n{`TYPE`:`AddVersion`",
                        "JsonSyntax", "2", null),
                Arguments.of("{`TYPE`:`AddOrChangeSimple`,`item`:{`TYPE`:`Workflow`,`path`:`W`,`instructions`:[]}}",
                        "JsonDecode", "1", "Line 1: JSON path $.item: missing required field 'versionId'"),
                Arguments.of("{`TYPE`:`UpdateRepo`}", "JsonDecode", "1", "Line 1: JSON path $.TYPE: unknown item operation TYPE 'UpdateRepo'"),
                Arguments.of("{`TYPE`:`RemoveVersioned`,`path`:`Lock:L`}", "JsonDecode", "1",
                        "Line 1: JSON path $.path: expected 'Workflow:PATH', found 'Lock:L'"),
                Arguments.of("{`TYPE`:`AddOrChangeSigned`,`signedString`:{`string`:`{}`,`signature`:{`TYPE`:`PGP`}}}", "JsonDecode", "1",
                        "Line 1: JSON path $.signedString.signature: missing required field 'signatureString'"));
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void badLineIsAProblemNamingLineAndPath(String body, String code, String line, String message) {
        Checked<List<ItemOperation>> result = ItemOperationJson.decodeNdjson(body.replace('`', '"'));
        Problem problem = result.problemOption().orElseThrow();
        assertThat(problem.code()).isEqualTo(code);
        assertThat(problem.arguments()).containsEntry("line", line);
        if (message != null) {
            assertThat(problem.message()).isEqualTo(message);
        } else {
            assertThat(problem.message()).startsWith("Line " + line + ": JSON syntax error at line 1");
        }
    }
}
