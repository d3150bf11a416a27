package io.jobwerk.engine.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.WorkflowJson;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.engine.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    static Workflow workflow(String instructions) {
        String json = """
                {"path":"sim","instructions":%s,"jobs":{
                  "load":{"agentPath":"agent","executable":{"TYPE":"ShellScriptExecutable","script":"exit 0"}},
                  "report":{"agentPath":"agent","executable":{"TYPE":"ShellScriptExecutable","script":"exit 0"}}}}"""
                .formatted(instructions);
        return WorkflowJson.decode(EngineJson.parse(json).orThrow(), Optional.of(new VersionId("1"))).orThrow();
    }

    static List<String> lines(Simulation s) {
        return s.events().stream().map(e -> "+" + e.elapsed().toMinutes() + "m " + e.orderId() + " " + e.event().typeName()).toList();
    }

    static SimulationConf outcomes(String job, String spec) {
        return SimulationConf.DEFAULT.withOutcomes(Map.of(job, JobOutcome.parseSequence(spec).orThrow()));
    }

    @Test
    void aJobThatTakesTimeEndsAfterItInVirtualTime() {
        Simulation s = Simulator.simulate(workflow("[{\"TYPE\":\"Execute.Named\",\"jobName\":\"load\"}]"),
                outcomes("load", "ok,takes:5m")).orThrow();
        assertThat(lines(s)).containsExactly("+0m simulated OrderAdded", "+0m simulated OrderStarted",
                "+0m simulated OrderProcessingStarted", "+5m simulated OrderProcessed", "+5m simulated OrderMoved",
                "+5m simulated OrderFinished");
        assertThat(s.elapsed()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.ending().outcome()).isEqualTo(Simulation.Outcome.FINISHED);
    }

    @Test
    void aFailingJobFailsTheOrderWhereItFailed() {
        Simulation s = Simulator.simulate(workflow("[{\"TYPE\":\"Execute.Named\",\"jobName\":\"load\"}]"),
                outcomes("load", "fail:3")).orThrow();
        assertThat(s.ending().outcome()).isEqualTo(Simulation.Outcome.FAILED);
        assertThat(s.ending().description()).isEqualTo("failed at [0]");
    }

    @Test
    void retryRunsTheTryBlockAgainAfterItsDelayUntilTheJobSucceeds() {
        Simulation s = Simulator.simulate(workflow("""
                [{"TYPE":"Try","try":{"instructions":[{"TYPE":"Execute.Named","jobName":"load"}]},
                  "catch":{"instructions":[{"TYPE":"Retry"}]},"retryDelays":[60],"maxTries":3}]"""),
                outcomes("load", "fail:1/fail:1/ok")).orThrow();
        assertThat(s.ending().outcome()).isEqualTo(Simulation.Outcome.FINISHED);
        assertThat(s.elapsed()).isEqualTo(Duration.ofMinutes(2));
        assertThat(lines(s).stream().filter(l -> l.endsWith("OrderRetrying"))).hasSize(2);
    }

    @Test
    void ifFollowsTheReturnedValue() {
        Workflow w = workflow("""
                [{"TYPE":"Execute.Named","jobName":"load"},
                 {"TYPE":"If","ifThens":[{"predicate":"$count > 10","then":{"instructions":[{"TYPE":"Execute.Named","jobName":"report"}]}}]}]""");
        Simulation big = Simulator.simulate(w, outcomes("load", "ok,count=20")).orThrow();
        Simulation small = Simulator.simulate(w, outcomes("load", "ok,count=2")).orThrow();
        assertThat(big.path()).extracting(Object::toString).contains("[1,\"then\",0]");
        assertThat(small.path()).extracting(Object::toString).doesNotContain("[1,\"then\",0]");
    }

    @Test
    void forkChildrenRunInParallelAndTheParentJoinsAfterTheLongest() {
        Simulation s = Simulator.simulate(workflow("""
                [{"TYPE":"Fork","branches":[
                   {"id":"a","workflow":{"instructions":[{"TYPE":"Execute.Named","jobName":"load"}]}},
                   {"id":"b","workflow":{"instructions":[{"TYPE":"Execute.Named","jobName":"report"}]}}]}]"""),
                SimulationConf.DEFAULT.withOutcomes(Map.of("load", List.of(JobOutcome.parse("takes:10m").orThrow()),
                        "report", List.of(JobOutcome.parse("takes:3m").orThrow())))).orThrow();
        assertThat(s.elapsed()).isEqualTo(Duration.ofMinutes(10));
        assertThat(lines(s)).contains("+10m simulated OrderJoined", "+3m simulated|b OrderProcessed");
        assertThat(s.ending().outcome()).isEqualTo(Simulation.Outcome.FINISHED);
    }

    @Test
    void anUnansweredPromptOrAMissingNoticeLeavesTheOrderWaiting() {
        Simulation prompt = Simulator.simulate(workflow("[{\"TYPE\":\"Prompt\",\"question\":\"'Go?'\"}]"),
                SimulationConf.DEFAULT.withAnswerPrompts(false)).orThrow();
        assertThat(prompt.ending().description()).isEqualTo("waits for ever at [0], Prompting");
        assertThat(Simulator.simulate(workflow("[{\"TYPE\":\"Prompt\",\"question\":\"'Go?'\"}]"), SimulationConf.DEFAULT)
                .orThrow().ending().outcome()).isEqualTo(Simulation.Outcome.FINISHED);

        Workflow expecting = workflow("[{\"TYPE\":\"ExpectNotices\",\"boardPaths\":\"'daily'\"}]");
        assertThat(Simulator.simulate(expecting, SimulationConf.DEFAULT).orThrow().ending().outcome())
                .isEqualTo(Simulation.Outcome.WAITING);
        assertThat(Simulator.simulate(expecting, SimulationConf.DEFAULT.withExistingNotices(Set.of(new BoardPath("daily"))))
                .orThrow().ending().outcome()).isEqualTo(Simulation.Outcome.FINISHED);
    }

    @Test
    void aCycleRunsUntilItsPeriodEndsOrTheTimeLimitComesFirst() {
        Simulation s = Simulator.simulate(workflow("""
                [{"TYPE":"Cycle","schedule":{"schemes":[{"admissionTimeScheme":{"periods":[{"TYPE":"DailyPeriod","secondOfDay":0,"duration":86400}]},
                  "repeat":{"TYPE":"Continuous","pause":3600}}]},"cycleWorkflow":{"instructions":[{"TYPE":"Execute.Named","jobName":"load"}]}}]"""),
                SimulationConf.DEFAULT.withTimeLimit(Duration.ofHours(12))).orThrow();
        assertThat(s.ending().outcome()).isEqualTo(Simulation.Outcome.LIMIT_REACHED);
        assertThat(s.events().stream().filter(e -> e.event().typeName().equals("OrderProcessed"))).hasSize(13);
    }

    @Test
    void outcomeSpecificationsAreReadOrRefusedWithTheReason() {
        JobOutcome o = JobOutcome.parse("fail:3,takes:90s,reason=disk,n=5").orThrow();
        assertThat(o.succeeds()).isFalse();
        assertThat(o.returnCode()).isEqualTo(3);
        assertThat(o.takes()).isEqualTo(Duration.ofSeconds(90));
        assertThat(o.values()).containsOnlyKeys("reason", "n");
        assertThat(JobOutcome.parse("explode").problemOption().orElseThrow().message())
                .isEqualTo("Job outcome 'explode': 'explode' is none of ok, fail[:RC], rc:RC, takes:DURATION, NAME=VALUE");
    }
}
