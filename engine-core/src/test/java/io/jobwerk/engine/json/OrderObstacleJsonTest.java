package io.jobwerk.engine.json;

import static io.jobwerk.engine.json.JsonGoldenTest.assertSameTree;
import static io.jobwerk.engine.json.JsonGoldenTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.motor.OrderObstacle;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OrderObstacleJsonTest {

    /** One JSON per obstacle kind (` stands for "): JS7's first, then Jobwerk's own. */
    static final List<String> OBSTACLES = List.of(
            "{`TYPE`:`JobProcessLimitReached`}",
            "{`TYPE`:`AgentProcessLimitReached`}",
            "{`TYPE`:`WorkflowSuspended`}",
            "{`TYPE`:`WaitingForAdmission`,`until`:1700000000000}",
            "{`TYPE`:`WaitingForOtherTime`,`until`:1700000000000}",
            "{`TYPE`:`WaitingForCommand`}",
            "{`TYPE`:`WaitingForCommand`,`reason`:`failed: returnCode 1`}",
            "{`TYPE`:`WaitingForLock`,`lockPath`:`LOCK`,`holders`:[`A`],`queuedBefore`:[`B`,`C`]}",
            "{`TYPE`:`WaitingForNotices`,`boardPaths`:[`BOARD`],`noticeIds`:[{`boardPath`:`BOARD`,`noticeKey`:`2025-02-26`}]}",
            "{`TYPE`:`WaitingForChildren`,`children`:[`A|x`,`A|y`]}",
            "{`TYPE`:`AgentNotCoupled`,`agentPath`:`AGENT`,`problem`:{`TYPE`:`Problem`,`message`:`Connection refused`}}",
            "{`TYPE`:`AgentNotCoupled`,`agentPath`:`AGENT`}",
            "{`TYPE`:`NoSubagentAvailable`,`reason`:`SubagentBundle BUNDLE: no member is available`}");

    static Stream<String> obstacles() {
        return OBSTACLES.stream().map(s -> s.replace('`', '"'));
    }

    @ParameterizedTest
    @MethodSource("obstacles")
    void obstacleRoundTrips(String json) {
        JsonNode node = EngineJson.parse(json).orThrow();
        OrderObstacle obstacle = ok(OrderObstacleJson.decode(node));
        assertSameTree(OrderObstacleJson.encode(obstacle), node);
    }

    @Test
    void everyObstacleKindHasAnExample() {
        Set<Class<?>> seen = new HashSet<>();
        obstacles().forEach(json -> seen.add(ok(OrderObstacleJson.decode(EngineJson.parse(json).orThrow())).getClass()));
        assertThat(seen).containsExactlyInAnyOrder(OrderObstacle.class.getPermittedSubclasses());
    }

    @Test
    void badObstacleIsAProblemNamingThePlace() {
        var decoded = OrderObstacleJson.decodeList(EngineJson.parse("[{\"TYPE\":\"WaitingForLock\",\"lockPath\":\"L\",\"holders\":[1]}]").orThrow());
        assertThat(decoded.problemOption()).map(Problem::message).hasValueSatisfying(m -> assertThat(m).contains("holders"));
    }
}
