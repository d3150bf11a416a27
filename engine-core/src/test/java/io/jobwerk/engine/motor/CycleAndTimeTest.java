package io.jobwerk.engine.motor;

import static io.jobwerk.engine.motor.W.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.order.CycleState;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.time.AdmissionPeriod;
import io.jobwerk.engine.time.AdmissionTimeScheme;
import io.jobwerk.engine.time.Schedule;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CycleAndTimeTest {
    final TestEngine engine = new TestEngine();

    static AdmissionTimeScheme daily(int hour, Duration duration) {
        return new AdmissionTimeScheme(List.of(new AdmissionPeriod.DailyPeriod(hour * 3600, duration)));
    }

    static Schedule schedule(AdmissionTimeScheme scheme, Schedule.Repeat repeat) {
        return new Schedule(List.of(new Schedule.Scheme(scheme, repeat)));
    }

    @ParameterizedTest
    @CsvSource({
            "UTC,            2024-03-01T10:20:00Z, 2024-03-01T10:30:00Z",
            "Europe/Berlin,  2024-03-01T10:20:00Z, 2024-03-01T10:30:00Z",
            "Asia/Kolkata,   2024-03-01T10:20:00Z, 2024-03-01T10:30:00Z",
            "America/New_York, 2024-03-01T10:20:00Z, 2024-03-01T10:30:00Z"})
    void periodicStartsAtOffsetsFromTheLocalDay(String zone, String now, String expected) {
        // every 15 minutes at :00 and :30 offset 0 → half-hourly starts in each zone; the admission covers the whole day
        var s = schedule(new AdmissionTimeScheme(List.of(new AdmissionPeriod.DailyPeriod(0, Duration.ofHours(24)))),
                new Schedule.Periodic(Duration.ofMinutes(30), List.of(Duration.ZERO)));
        Optional<CycleState> first = CycleCalculator.first(s, Instant.parse(now), ZoneId.of(zone));
        assertThat(first.orElseThrow().next()).isEqualTo(Instant.parse(expected));
    }

    @Test
    void periodicOffsetsCountFromLocalMidnightInTheWorkflowZone() {
        // 09:00–12:00 Berlin (08:00–11:00Z), hourly at minute 10
        var s = schedule(daily(9, Duration.ofHours(3)), new Schedule.Periodic(Duration.ofHours(1), List.of(Duration.ofMinutes(10))));
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        CycleState first = CycleCalculator.first(s, Instant.parse("2024-03-01T07:00:00Z"), berlin).orElseThrow();
        assertThat(first.next()).isEqualTo(Instant.parse("2024-03-01T08:10:00Z"));
        assertThat(first.end()).isEqualTo(Instant.parse("2024-03-01T11:00:00Z"));
        CycleState second = CycleCalculator.next(s, first, Instant.parse("2024-03-01T08:15:00Z"), berlin, true).orElseThrow();
        assertThat(second.next()).isEqualTo(Instant.parse("2024-03-01T09:10:00Z"));
        assertThat(second.index()).isEqualTo(2);
        CycleState third = CycleCalculator.next(s, second, Instant.parse("2024-03-01T09:15:00Z"), berlin, true).orElseThrow();
        assertThat(third.next()).isEqualTo(Instant.parse("2024-03-01T10:10:00Z"));
        assertThat(CycleCalculator.next(s, third, Instant.parse("2024-03-01T10:15:00Z"), berlin, true)).isEmpty();
    }

    @Test
    void tickingSkipsMissedTicks() {
        var s = schedule(daily(10, Duration.ofHours(1)), new Schedule.Ticking(Duration.ofMinutes(20)));
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        CycleState first = CycleCalculator.first(s, Instant.parse("2024-03-01T01:05:00Z"), tokyo).orElseThrow();
        assertThat(first.next()).isEqualTo(Instant.parse("2024-03-01T01:20:00Z"));
        CycleState next = CycleCalculator.next(s, first, Instant.parse("2024-03-01T01:25:00Z"), tokyo, true).orElseThrow();
        assertThat(next.next()).isEqualTo(Instant.parse("2024-03-01T01:40:00Z"));
        // the tick at 02:00Z is the period's end; the next period is on another local day
        assertThat(CycleCalculator.next(s, next, Instant.parse("2024-03-01T01:45:00Z"), tokyo, false)).isEmpty();
    }

    @Test
    void cycleRunsContinuouslyUpToItsLimit() {
        var cycle = new Instruction.Cycle(Optional.empty(),
                schedule(daily(0, Duration.ofHours(24)), new Schedule.Continuous(Duration.ofSeconds(60), Optional.of(2))),
                block(execute("a")), true);
        engine.deploy(workflow("W", cycle)).addOrder("A", "W");
        assertThat(engine.stateOf("A")).isEqualTo(OrderState.Kind.BETWEEN_CYCLES);
        engine.advance(Duration.ofSeconds(60));
        List<String> events = engine.eventsOf("A");
        // as JS7: a Continuous cycle due at once has no next time (the epoch), and its branch id leaves it out
        String branch = "cycle+end=" + Instant.parse("2024-03-02T00:00:00Z").toEpochMilli() + ",i=1";
        assertThat(events).containsExactly("OrderAdded", "OrderStarted", "OrderCyclingPrepared i=1 next=1970-01-01T00:00:00Z",
                "OrderCycleStarted", "OrderProcessingStarted", "OrderProcessed Succeeded{returnCode=0}",
                "OrderMoved [0,\"" + branch + "\",1]", "OrderCycleFinished i=2 next=2024-03-01T10:01:00Z",
                "OrderCycleStarted", "OrderProcessingStarted", "OrderProcessed Succeeded{returnCode=0}",
                "OrderMoved [0,\"cycle+end=1709337600000,i=2,next=1709287260000\",1]", "OrderCycleFinished",
                "OrderMoved [1]", "OrderFinished"); // as JS7 (recorded): the move past the Cycle comes after
    }

    @Test
    void breakLeavesTheCycle() {
        var cycle = new Instruction.Cycle(Optional.empty(),
                schedule(daily(0, Duration.ofHours(24)), new Schedule.Continuous(Duration.ZERO, Optional.empty())),
                block(execute("a"), ifThen("true", block(new Instruction.Break(Optional.empty())))), true);
        engine.deploy(workflow("W", cycle)).addOrder("A", "W");
        assertThat(engine.eventsOf("A")).endsWith("OrderProcessed Succeeded{returnCode=0}", "OrderMoved [0,\"cycle+end=1709337600000,i=1\",1,\"then\",0]",
                        // as JS7 (its source; recorded in other placements): Break moves to the cycle block's
                        // position numbered as the Cycle instruction + 1, out of the then block
                        "OrderMoved [0,\"cycle+end=1709337600000,i=1\",1]",
                        "OrderCycleFinished", "OrderMoved [1]", "OrderFinished")
                .filteredOn(e -> e.startsWith("OrderCycleStarted")).hasSize(1);
    }

    @Test
    void breakMovesToTheCycleBlocksPositionNumberedAsTheCyclePlusOne() {
        var cycle = new Instruction.Cycle(Optional.empty(),
                schedule(daily(0, Duration.ofHours(24)), new Schedule.Continuous(Duration.ZERO, Optional.empty())),
                block(new Instruction.Break(Optional.empty()), execute("a")), true);
        engine.deploy(workflow("W", execute("a"), cycle)).addOrder("A", "W");
        // as JS7 (recorded, cycle-break--after-job): the Cycle at [1] moves its Break to [1,cycle,2], the block's end
        assertThat(engine.eventsOf("A")).endsWith("OrderCycleStarted", "OrderMoved [1,\"cycle+end=1709337600000,i=1\",2]",
                "OrderCycleFinished", "OrderMoved [2]", "OrderFinished");
    }

    @Test
    void cycleWithFailingJobLeavesTheCycleAndFails() {
        var cycle = new Instruction.Cycle(Optional.empty(),
                schedule(daily(0, Duration.ofHours(24)), new Schedule.Ticking(Duration.ofMinutes(1))), block(execute("a")), true);
        engine.deploy(workflow("W", cycle)).script("a", io.jobwerk.engine.outcome.Outcome.failed(1)).addOrder("A", "W");
        // as JS7 (recorded): the order fails where it failed, inside the cycle
        assertThat(engine.eventsOf("A")).endsWith("OrderCycleStarted", "OrderProcessingStarted", "OrderProcessed Failed",
                "OrderFailed [0,\"cycle+end=1709337600000,i=1,next=1709287200000\",0]");
    }

    @Test
    void admissionTimeWaitsForTheWindow() {
        var admission = new Instruction.AdmissionTime(Optional.empty(), daily(12, Duration.ofHours(1)), false, block(execute("a")));
        engine.deploy(workflow("W", admission)).addOrder("A", "W");
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted", "OrderWaitingForAdmission until 2024-03-01T12:00:00Z");
        engine.advance(Duration.ofHours(2));
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted", "OrderWaitingForAdmission until 2024-03-01T12:00:00Z",
                "OrderAwoke", "OrderMoved [0,\"admissionTime\",0]", "OrderProcessingStarted",
                "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [1]", "OrderFinished");
    }

    @Test
    void admissionTimeSkipsWhenNoPeriodStartsOnTheOrderDay() {
        var weekly = new AdmissionTimeScheme(List.of(new AdmissionPeriod.WeekdayPeriod(0, Duration.ofHours(1)))); // Mondays 00:00
        var admission = new Instruction.AdmissionTime(Optional.empty(), weekly, true, block(execute("a")));
        engine.deploy(workflow("W", admission)).addOrder("A", "W"); // 2024-03-01 is a Friday
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderMoved [1]", "OrderStarted", "OrderFinished");
    }

    @Test
    void scopeSeesDefaultsArgumentsOutcomesAndBuiltins() {
        var named = new Instruction.ExecuteNamed(Optional.of(new io.jobwerk.engine.workflow.Label("L")),
                new io.jobwerk.engine.workflow.JobName("a"), Map.of("d", expr("'execute'"), "e", expr("'execute'")));
        Workflow w = workflow("W", Workflow.DEFAULT_TIME_ZONE,
                Map.of("a", job(AGENT).withDefaultArguments(Map.of("e", expr("'job'"), "f", expr("'job'")))), named, execute("b"));
        engine.deploy(w).hold("b");
        engine.job("a", o -> io.jobwerk.engine.outcome.Outcome.succeeded(7));
        engine.addOrder(FreshOrder.of("A", "W", Map.of("d", io.jobwerk.engine.value.Value.of("arg"))));
        var order = engine.order("A");
        var atA = new OrderScope(engine.state, order, w, io.jobwerk.engine.workflow.Position.of(0), engine.now, engine.env);
        assertThat(atA.variable("d")).contains(io.jobwerk.engine.value.Value.of("arg"));
        assertThat(atA.variable("e")).contains(io.jobwerk.engine.value.Value.of("execute"));
        assertThat(atA.variable("f")).contains(io.jobwerk.engine.value.Value.of("job"));
        var scope = OrderScope.of(engine.state, order, engine.now, engine.env).orThrow();
        assertThat(scope.variable("returnCode")).contains(io.jobwerk.engine.value.Value.of(7));
        assertThat(scope.variable("e")).isEmpty();
        assertThat(scope.variable("returnCode", "L", null)).contains(io.jobwerk.engine.value.Value.of(7));
        assertThat(scope.variable("returnCode", null, "a")).contains(io.jobwerk.engine.value.Value.of(7));
        assertThat(scope.variable("js7OrderId")).contains(io.jobwerk.engine.value.Value.of("A"));
        assertThat(scope.variable("js7JobName")).contains(io.jobwerk.engine.value.Value.of("b"));
        assertThat(scope.variable("js7ControllerId")).contains(io.jobwerk.engine.value.Value.of("CONTROLLER-ID"));
        assertThat(scope.variable("js7WorkflowPosition")).contains(io.jobwerk.engine.value.Value.of("W~v1:[1]"));
        assertThat(scope.env("HOME")).contains("/home/test");
        assertThat(expr("now(format='HH:mm')").evaluate(scope).orThrow()).isEqualTo(io.jobwerk.engine.value.Value.of("10:00"));
    }
}
