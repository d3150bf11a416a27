package io.jobwerk.engine.motor;

import static io.jobwerk.engine.motor.W.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.path.LockPath;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.workflow.Block;
import io.jobwerk.engine.workflow.BoardPathExpression;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstructionsTest {
    final TestEngine engine = new TestEngine();

    @Test
    void executeSucceedsAndFinishes() {
        engine.deploy(workflow("W", execute("a"))).addOrder("A", "W");
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted", "OrderProcessingStarted",
                "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [1]", "OrderFinished");
    }

    @Test
    void executeFailureFailsTheOrderAtItsPosition() {
        engine.deploy(workflow("W", execute("a"), execute("b"))).script("a", Outcome.failed(3)).addOrder("A", "W");
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted", "OrderProcessingStarted",
                "OrderProcessed Failed", "OrderFailed [0]");
        assertThat(engine.stateOf("A")).isEqualTo(OrderState.Kind.FAILED);
    }

    @Test
    void processLostRestartsTheJob() {
        engine.deploy(workflow("W", execute("a")))
                .script("a", new Outcome.Disrupted(new Outcome.ProcessLost(Optional.empty()), false)).addOrder("A", "W");
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted", "OrderProcessingStarted",
                "OrderProcessed DISRUPTED", "OrderMoved [0] ProcessLost", "OrderProcessingStarted",
                "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [1]", "OrderFinished");
    }

    @Test
    void ifChainTakesFirstTrueBranchInOneMove() {
        var iff = new Instruction.If(Optional.empty(), List.of(
                new Instruction.IfThen(expr("$x == 1"), block(execute("one"))),
                new Instruction.IfThen(expr("$x == 2"), block(execute("two")))), Optional.of(block(execute("other"))));
        engine.deploy(workflow("W", execute("a"), iff));
        engine.addOrder(FreshOrder.of("A", "W", Map.of("x", Value.of(2))));
        engine.addOrder(FreshOrder.of("B", "W", Map.of("x", Value.of(7))));
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted", "OrderProcessingStarted",
                "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [1,\"then+2\",0]", "OrderProcessingStarted",
                "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [2]", "OrderFinished");
        assertThat(engine.eventsOf("B")).contains("OrderMoved [1,\"else\",0]");
    }

    @Test
    void ifWithoutElseAndFalsePredicateSkipsIt() {
        engine.deploy(workflow("W", ifThen("false", block(execute("a"))))).addOrder("A", "W");
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderMoved [1]", "OrderStarted", "OrderFinished");
    }

    @Test
    void ifPredicateErrorFailsTheOrderAtTheIf() {
        engine.deploy(workflow("W", ifThen("$unknown == 1", block(execute("a"))))).addOrder("A", "W");
        // as JS7 (recorded): the move fails, the fresh order fails where it is with a Disrupted outcome
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderOutcomeAdded DISRUPTED", "OrderFailed [0]");
    }

    @Test
    void aLockWhoseBlockStartsWithAnIfThatCannotBeEvaluatedFailsTheFreshOrderWithoutAcquiring() {
        engine.deploy(new Item.LockItem(new LockPath("L"), 1))
                .deploy(workflow("W", lock("L", Optional.empty(), block(ifThen("$unknown == 1", block(execute("a")))))))
                .addOrder("A", "W");
        // as JS7 (recorded): the moves after an instruction's events are part of its step; a move that
        // cannot be made drops the step, and the order fails where it was
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderOutcomeAdded DISRUPTED", "OrderFailed [0]");
        assertThat(engine.stateOf("A")).isEqualTo(OrderState.Kind.FAILED_WHILE_FRESH);
        assertThat(engine.state.locks().get(new LockPath("L")).holders()).isEmpty();
    }

    @Test
    void aForkWhoseBranchStartsWithAnIfThatCannotBeEvaluatedFailsTheParent() {
        var fork = new Instruction.Fork(Optional.empty(), List.of(
                new Instruction.ForkBranch("A", block(ifThen("$unknown == 1", block(execute("a")))))), Optional.empty(), true);
        engine.deploy(workflow("W", fork)).addOrder("A", "W");
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderOutcomeAdded DISRUPTED", "OrderFailed [0]");
    }

    @Test
    void anOptionsWithStopOnFailureStopsAFreshOrderThatCannotEnterIt() {
        engine.deploy(workflow("W", new Instruction.Options(Optional.empty(), Optional.of(true),
                block(ifThen("$unknown == 1", block(execute("a"))))))).addOrder("A", "W");
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderOutcomeAdded DISRUPTED", "OrderStopped");
    }

    @Test
    void tryCatchesFailureAsTheJs7TraceShows() {
        engine.deploy(workflow("W", execute("hello"), tryCatch(block(execute("fails")), block(execute("recover")))))
                .script("fails", Outcome.failed(3)).addOrder("A", "W");
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted",
                "OrderProcessingStarted", "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [1,\"try+0\",0]",
                "OrderProcessingStarted", "OrderProcessed Failed", "OrderCaught [1,\"catch+0\",0]",
                "OrderProcessingStarted", "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [2]", "OrderFinished");
    }

    @Test
    void failureInCatchIsNotCaughtBySameTry() {
        engine.deploy(workflow("W", tryCatch(block(execute("a")), block(execute("b")))))
                .script("a", Outcome.failed(1)).script("b", Outcome.failed(2)).addOrder("A", "W");
        assertThat(engine.eventsOf("A")).endsWith("OrderCaught [0,\"catch+0\",0]", "OrderProcessingStarted",
                "OrderProcessed Failed", "OrderFailed [0,\"catch+0\",0]");
    }

    @Test
    void retryRestartsTryBlockAfterDelayUntilMaxTries() {
        var t = new Instruction.Try(Optional.empty(), block(execute("a")), block(new Instruction.Retry(Optional.empty())),
                Optional.of(List.of(BigDecimal.TEN, BigDecimal.valueOf(20))), Optional.of(3));
        engine.deploy(workflow("W", t)).job("a", o -> Outcome.failed(1)).addOrder("A", "W");
        assertThat(engine.stateOf("A")).isEqualTo(OrderState.Kind.DELAYING_RETRY);
        assertThat(engine.motor().nextWakeTime(engine.order("A").id())).contains(TestEngine.START.plusSeconds(10));
        engine.advance(Duration.ofSeconds(9));
        assertThat(engine.stateOf("A")).isEqualTo(OrderState.Kind.DELAYING_RETRY);
        engine.advance(Duration.ofSeconds(1));
        engine.advance(Duration.ofSeconds(20));
        // as JS7 2.9 (recorded): Retrying stays at the Retry, the move enters the next try; the last try is not caught
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderMoved [0,\"try+0\",0]", "OrderStarted",
                "OrderProcessingStarted", "OrderProcessed Failed", "OrderCaught [0,\"catch+0\",0]",
                "OrderRetrying until 2024-03-01T10:00:10Z", "OrderAwoke", "OrderMoved [0,\"try+1\",0]",
                "OrderProcessingStarted", "OrderProcessed Failed", "OrderCaught [0,\"catch+1\",0]",
                "OrderRetrying until 2024-03-01T10:00:30Z", "OrderAwoke", "OrderMoved [0,\"try+2\",0]",
                "OrderProcessingStarted", "OrderProcessed Failed", "OrderFailed [0,\"try+2\",0]");
    }

    @Test
    void anImmediateRetryEntersATryAtTheStartOfTheNextTryInTheSameMove() {
        var inner = tryCatch(block(execute("a")), block(execute("a")));
        var t = new Instruction.Try(Optional.empty(), block(inner), block(new Instruction.Retry(Optional.empty())),
                Optional.of(List.of(BigDecimal.ZERO)), Optional.of(2));
        engine.deploy(workflow("W", t)).job("a", o -> Outcome.failed(1)).addOrder("A", "W");
        // as JS7 (recorded, try-catch-fails--in-retry): one OrderMoved into the inner Try's try block
        assertThat(engine.eventsOf("A")).containsSubsequence("OrderCaught [0,\"catch+0\",0]", "OrderRetrying",
                "OrderMoved [0,\"try+1\",0,\"try+0\",0]", "OrderProcessingStarted");
        assertThat(engine.eventsOf("A")).doesNotContain("OrderMoved [0,\"try+1\",0]");
    }

    @Test
    void tryCountAndMaxTriesAreVisibleInTheTryBlock() {
        var t = new Instruction.Try(Optional.empty(), block(execute("a")), block(new Instruction.Retry(Optional.empty())),
                Optional.empty(), Optional.of(2));
        engine.deploy(workflow("W", t)).job("a", o -> {
            var scope = OrderScope.of(engine.state, o, engine.now, engine.env).orThrow();
            long tries = scope.tryCount().orElseThrow();
            return tries < 2 ? Outcome.failed(1) : new Outcome.Succeeded(Map.of("triesOfMax",
                    Value.of(tries + "/" + scope.variable("js7MaxTries").map(v -> ((Value.NumberValue) v).number().toString()).orElseThrow())));
        }).addOrder("A", "W");
        assertThat(engine.eventsOf("A")).contains("OrderRetrying", "OrderMoved [0,\"try+1\",0]", "OrderProcessed Succeeded{triesOfMax=2/2}")
                .endsWith("OrderMoved [1]", "OrderFinished");
    }

    @Test
    void failIsCaughtUnlessUncatchable() {
        engine.deploy(workflow("W", tryCatch(block(fail("'boom'", false)), block())));
        engine.deploy(workflow("U", tryCatch(block(fail("'boom'", true)), block())));
        engine.addOrder("A", "W").addOrder("B", "U");
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderMoved [0,\"try+0\",0]", "OrderStarted",
                "OrderOutcomeAdded Failed(boom)", "OrderCaught [0,\"catch+0\",0]", "OrderMoved [1]", "OrderFinished");
        assertThat(engine.eventsOf("B")).containsExactly("OrderAdded", "OrderMoved [0,\"try+0\",0]", "OrderStarted",
                "OrderOutcomeAdded Failed(boom) uncatchable", "OrderFailed [0,\"try+0\",0]");
    }

    @Test
    void finishEndsTheOrderWithItsOutcome() {
        engine.deploy(workflow("W", new Instruction.Finish(Optional.empty(), Optional.of(Outcome.failed("done"))), execute("a")))
                .addOrder("A", "W");
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted", "OrderFinished Failed(done)");
    }

    @Test
    void stopAndExplicitEnd() {
        engine.deploy(workflow("S", new Instruction.Stop(Optional.empty()), execute("a")));
        engine.deploy(workflow("E", ifThen("true", block(new Instruction.End(Optional.empty()), execute("a"))), execute("b")));
        engine.addOrder("A", "S").addOrder("B", "E");
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted", "OrderStopped");
        assertThat(engine.eventsOf("B")).containsExactly("OrderAdded", "OrderMoved [1]", "OrderStarted",
                "OrderProcessingStarted", "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [2]", "OrderFinished");
    }

    @Test
    void forkJoinsChildrenAndMergesResults() {
        var fork = new Instruction.Fork(Optional.empty(), List.of(
                new Instruction.ForkBranch("A", new Block(List.of(execute("a")), Map.of(), Optional.of(Map.of("ra", expr("$returnCode + 1"))))),
                new Instruction.ForkBranch("B", new Block(List.of(execute("b")), Map.of(), Optional.of(Map.of("rb", expr("'b'")))))),
                Optional.empty(), false);
        engine.deploy(workflow("W", fork, execute("c"))).addOrder("P", "W");
        assertThat(engine.eventsOf("P")).containsExactly("OrderAdded", "OrderStarted", "OrderForked P|A,P|B",
                "OrderJoined Succeeded{ra=1,rb=b}", "OrderMoved [1]", "OrderProcessingStarted",
                "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [2]", "OrderFinished");
        assertThat(engine.eventsOf("P|A")).containsExactly("OrderProcessingStarted",
                "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [0,\"fork+A\",1]");
        assertThat(engine.state.orders()).doesNotContainKey(new io.jobwerk.engine.order.OrderId("P|A"));
    }

    @Test
    void forkChildFailureWithJoinIfFailedFailsTheParent() {
        var fork = new Instruction.Fork(Optional.empty(), List.of(
                new Instruction.ForkBranch("A", block(execute("a"))), new Instruction.ForkBranch("B", block(execute("b")))),
                Optional.empty(), true);
        engine.deploy(workflow("W", fork)).script("a", Outcome.failed(1)).addOrder("P", "W");
        assertThat(engine.eventsOf("P|A")).containsExactly("OrderProcessingStarted", "OrderProcessed Failed",
                "OrderFailedInFork [0,\"fork+A\",0]");
        assertThat(engine.eventsOf("P")).containsExactly("OrderAdded", "OrderStarted", "OrderForked P|A,P|B",
                "OrderJoined Failed(Order:P|A Failed)", "OrderFailed [0]");
    }

    @Test
    void forkChildFailureWithoutJoinIfFailedLetsTheParentWait() {
        var fork = new Instruction.Fork(Optional.empty(), List.of(
                new Instruction.ForkBranch("A", block(execute("a"))), new Instruction.ForkBranch("B", block(execute("b")))),
                Optional.empty(), false);
        engine.deploy(workflow("W", fork)).script("a", Outcome.failed(1)).addOrder("P", "W");
        assertThat(engine.eventsOf("P|A")).containsExactly("OrderProcessingStarted", "OrderProcessed Failed",
                "OrderFailed [0,\"fork+A\",0]");
        assertThat(engine.stateOf("P")).isEqualTo(OrderState.Kind.FORKED);
        // the operator resumes the failed child as succeeded: it moves to the branch end and the parent joins
        engine.emitAll(engine.motor().resume(engine.order("P|A").id(), Optional.empty(), List.of(), true, false).orThrow());
        assertThat(engine.eventsOf("P")).endsWith("OrderJoined Succeeded", "OrderMoved [1]", "OrderFinished");
    }

    @Test
    void forkListForksOneChildPerElementAndCollectsResults() {
        var forkList = new Instruction.ForkList(Optional.empty(), expr("$list"), expr("(x, i) => $x"),
                Optional.of(expr("(x, i) => { element: $x, index: $i }")),
                new Block(List.of(execute("a")), Map.of(), Optional.of(Map.of("r", expr("$element ++ $index")))),
                Optional.empty(), false);
        engine.deploy(workflow("W", forkList));
        engine.addOrder(FreshOrder.of("P", "W", Map.of("list", new Value.ListValue(List.of(Value.of("x"), Value.of("y"))))));
        engine.addOrder(FreshOrder.of("E", "W", Map.of("list", new Value.ListValue(List.of()))));
        assertThat(engine.eventsOf("P")).containsExactly("OrderAdded", "OrderStarted", "OrderForked P|x,P|y",
                "OrderJoined Succeeded{r=[x0, y1]}", "OrderMoved [1]", "OrderFinished");
        assertThat(engine.eventsOf("E")).containsExactly("OrderAdded", "OrderStarted", "OrderMoved [1]", "OrderFinished");
    }

    @Test
    void forkListWithDuplicateChildIdFails() {
        var forkList = new Instruction.ForkList(Optional.empty(), expr("[1, 1]"), expr("(x) => $x"), Optional.empty(),
                block(execute("a")), Optional.empty(), false);
        engine.deploy(workflow("W", forkList)).addOrder("P", "W");
        assertThat(engine.eventsOf("P")).containsExactly("OrderAdded", "OrderStarted",
                "OrderOutcomeAdded Failed(ForkList child id '1' is not unique)", "OrderFailed [0]");
    }

    @Test
    void lockIsExclusiveAndQueuesTheSecondOrder() {
        engine.deploy(new Item.LockItem(new LockPath("L"), 1))
                .deploy(workflow("W", lock("L", Optional.empty(), block(execute("a")))))
                .hold("a");
        engine.addOrder("A", "W").addOrder("B", "W");
        assertThat(engine.eventsOf("B")).containsExactly("OrderAdded", "OrderStarted", "OrderLocksQueued L");
        engine.release("a");
        engine.complete("A", Outcome.succeeded(0));
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted", "OrderLocksAcquired L",
                "OrderProcessingStarted", "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [0,\"lock\",1]",
                "OrderLocksReleased L", "OrderFinished");
        assertThat(engine.eventsOf("B")).containsExactly("OrderAdded", "OrderStarted", "OrderLocksQueued L",
                "OrderLocksAcquired L", "OrderProcessingStarted", "OrderProcessed Succeeded{returnCode=0}",
                "OrderMoved [0,\"lock\",1]", "OrderLocksReleased L", "OrderFinished");
        assertThat(engine.state.locks().get(new LockPath("L")).holders()).isEmpty();
    }

    @Test
    void lockCountsShareTheLimit() {
        engine.deploy(new Item.LockItem(new LockPath("L"), 3))
                .deploy(workflow("W", lock("L", Optional.of(2), block(execute("a")))))
                .deploy(workflow("V", lock("L", Optional.of(1), block(execute("a")))))
                .hold("a");
        engine.addOrder("A", "W").addOrder("B", "V").addOrder("C", "V");
        assertThat(engine.eventsOf("A")).contains("OrderLocksAcquired L(2)");
        assertThat(engine.eventsOf("B")).contains("OrderLocksAcquired L(1)");
        assertThat(engine.eventsOf("C")).containsExactly("OrderAdded", "OrderStarted", "OrderLocksQueued L");
    }

    @Test
    void failureInsideLockReleasesItBeforeCatch() {
        engine.deploy(new Item.LockItem(new LockPath("L"), 1))
                .deploy(workflow("W", tryCatch(block(lock("L", Optional.empty(), block(ifThen("true", block(execute("a")))))), block())))
                .script("a", Outcome.failed(1)).addOrder("A", "W");
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderMoved [0,\"try+0\",0]", "OrderStarted",
                "OrderLocksAcquired L", "OrderMoved [0,\"try+0\",0,\"lock\",0,\"then\",0]", "OrderProcessingStarted",
                "OrderProcessed Failed", "OrderLocksReleased L", "OrderCaught [0,\"catch+0\",0]", "OrderMoved [1]",
                "OrderFinished");
        assertThat(engine.state.locks().get(new LockPath("L")).holders()).isEmpty();
    }

    @Test
    void uncaughtFailureInsideLockReleasesItAndStaysAtTheLock() {
        engine.deploy(new Item.LockItem(new LockPath("L"), 1))
                .deploy(workflow("W", lock("L", Optional.empty(), block(execute("a")))))
                .script("a", Outcome.failed(1)).addOrder("A", "W");
        assertThat(engine.eventsOf("A")).endsWith("OrderProcessed Failed", "OrderLocksReleased L", "OrderFailed [0]");
        assertThat(engine.state.locks().get(new LockPath("L")).holders()).isEmpty();
    }

    @Test
    void promptWaitsForTheAnswer() {
        engine.deploy(workflow("W", new Instruction.Prompt(Optional.empty(), expr("'Go on?'")), execute("a"))).addOrder("A", "W");
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted", "OrderPrompted Go on?");
        assertThat(engine.motor().answerPrompt(engine.order("A").id().child("x")).isFail()).isTrue();
        engine.emitAll(engine.motor().answerPrompt(engine.order("A").id()).orThrow());
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted", "OrderPrompted Go on?",
                "OrderPromptAnswered", "OrderMoved [1]", "OrderProcessingStarted", "OrderProcessed Succeeded{returnCode=0}",
                "OrderMoved [2]", "OrderFinished");
    }

    @Test
    void promptWithBadQuestionFails() {
        engine.deploy(workflow("W", new Instruction.Prompt(Optional.empty(), expr("$nope")))).addOrder("A", "W");
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted",
                "OrderOutcomeAdded Failed(No such named value: nope)", "OrderFailed [0]");
    }

    @Test
    void sleepWaitsWithTheVirtualClock() {
        engine.deploy(workflow("W", new Instruction.Sleep(Optional.empty(), expr("1.5")))).addOrder("A", "W");
        engine.advance(Duration.ofMillis(1499));
        assertThat(engine.stateOf("A")).isEqualTo(OrderState.Kind.SLEEPING);
        engine.advance(Duration.ofMillis(1));
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted",
                "OrderSleeping until 2024-03-01T10:00:01.500Z", "OrderMoved [1]", "OrderFinished"); // as JS7: no OrderAwoke
    }

    @Test
    void sleepWithNonNumberFails() {
        engine.deploy(workflow("W", new Instruction.Sleep(Optional.empty(), expr("'x'")))).addOrder("A", "W");
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted",
                "OrderOutcomeAdded Failed(Expected a Number value, not String 'x')", "OrderFailed [0]");
    }

    @Test
    void optionsStopOnFailureStopsAtTheFailedJob() {
        engine.deploy(workflow("W", new Instruction.Options(Optional.empty(), Optional.of(true), block(execute("a")))))
                .script("a", Outcome.failed(1)).addOrder("A", "W");
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderMoved [0,\"options\",0]", "OrderStarted",
                "OrderProcessingStarted", "OrderProcessed Failed", "OrderStopped");
        // as JS7 (recorded): resumed with its failure as it is, it stops again; resumed as succeeded, the job runs again
        engine.emitAll(engine.motor().resume(engine.order("A").id(), Optional.empty(), List.of(), false, false).orThrow());
        assertThat(engine.eventsOf("A")).endsWith("OrderStopped", "OrderResumed", "OrderStopped");
        engine.emitAll(engine.motor().resume(engine.order("A").id(), Optional.empty(), List.of(), true, false).orThrow());
        assertThat(engine.eventsOf("A")).endsWith("OrderResumed", "OrderProcessingStarted",
                "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [1]", "OrderFinished");
    }

    @Test
    void addOrderAddsAnOrderAndRejectsDuplicates() {
        var add = new Instruction.AddOrder(Optional.empty(), expr("'added-' ++ $js7OrderId"), new WorkflowPath("T"), Optional.empty(),
                Map.of("x", expr("1")), Optional.empty(), Optional.empty(), List.of(), false, false);
        engine.deploy(workflow("T", execute("t"))).deploy(workflow("W", add, add));
        engine.addOrder("A", "W");
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted", "OrderOrderAdded added-A",
                "OrderMoved [1]", "OrderOutcomeAdded Failed(DuplicateKey: Duplicate OrderId 'Order:added-A')", "OrderFailed [1]");
        assertThat(engine.eventsOf("added-A")).endsWith("OrderProcessed Succeeded{returnCode=0}", "OrderMoved [1]", "OrderFinished");
        assertThat(engine.order("added-A").arguments()).containsEntry("x", Value.of(1));
    }

    @Test
    void stickySubagentEntersAndLeaves() {
        var sticky = new Instruction.StickySubagent(Optional.empty(), AGENT, Optional.of(expr("'BUNDLE'")), block(execute("a")));
        engine.deploy(workflow("W", sticky)).addOrder("A", "W");
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStickySubagentEntered AGENT BUNDLE", "OrderStarted",
                "OrderProcessingStarted", "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [0,\"stickySubagent\",1]",
                "OrderStickySubagentLeaved", "OrderFinished");
        assertThat(engine.order("A").stickySubagents()).isEmpty();
    }

    @Test
    void stickySubagentIsLeftOnFailure() {
        var sticky = new Instruction.StickySubagent(Optional.empty(), AGENT, Optional.empty(), block(execute("a")));
        engine.deploy(workflow("W", sticky)).script("a", Outcome.failed(1)).addOrder("A", "W");
        assertThat(engine.eventsOf("A")).endsWith("OrderProcessed Failed", "OrderStickySubagentLeaved", "OrderFailed [0]");
    }

    @Test
    void postAndExpectNotices() {
        engine.deploy(new Item.GlobalBoard(new BoardPath("B"), expr("'key'"), expr("'key'"), Optional.of(expr("$js7EpochMilli + 60000"))));
        engine.deploy(workflow("E", new Instruction.ExpectNotices(Optional.empty(), BoardPathExpression.of("'B'"), Instruction.WhenNotAnnounced.Wait)));
        engine.deploy(workflow("S", new Instruction.ExpectNotices(Optional.empty(), BoardPathExpression.of("'B'"), Instruction.WhenNotAnnounced.SkipWhenNoNotice)));
        engine.deploy(workflow("P", new Instruction.PostNotices(Optional.empty(), List.of(new BoardPath("B")))));
        engine.addOrder("E1", "E").addOrder("S1", "S");
        assertThat(engine.eventsOf("E1")).containsExactly("OrderAdded", "OrderStarted", "OrderNoticesExpected B/key");
        assertThat(engine.eventsOf("S1")).containsExactly("OrderAdded", "OrderStarted", "OrderNoticesRead", "OrderMoved [1] NoNotice", "OrderFinished");
        engine.addOrder("P1", "P");
        assertThat(engine.eventsOf("P1")).containsExactly("OrderAdded", "OrderStarted", "OrderNoticePosted B/key", "OrderMoved [1]", "OrderFinished");
        assertThat(engine.eventsOf("E1")).containsExactly("OrderAdded", "OrderStarted", "OrderNoticesExpected B/key",
                "OrderNoticesRead", "OrderMoved [1]", "OrderFinished");
        assertThat(engine.state.boards().get(new BoardPath("B")).notices().get("key").endOfLife())
                .contains(TestEngine.START.plusSeconds(60));
    }

    @Test
    void consumeNoticesDeletesThemAtTheEndButNotOnFailure() {
        engine.deploy(new Item.GlobalBoard(new BoardPath("B"), expr("$js7OrderId"), expr("'P1'"), Optional.empty()));
        engine.deploy(workflow("P", new Instruction.PostNotices(Optional.empty(), List.of(new BoardPath("B")))));
        engine.deploy(workflow("C", new Instruction.ConsumeNotices(Optional.empty(), BoardPathExpression.of("'B'"),
                Instruction.WhenNotAnnounced.Wait, block(execute("a")))));
        engine.script("a", Outcome.failed(1));
        engine.addOrder("P1", "P").addOrder("F", "C");
        assertThat(engine.eventsOf("F")).containsExactly("OrderAdded", "OrderStarted", "OrderNoticesConsumptionStarted B/P1",
                "OrderProcessingStarted", "OrderProcessed Failed", "OrderNoticesConsumed failed", "OrderFailed [0]");
        assertThat(engine.state.boards().get(new BoardPath("B")).hasNotice("P1")).isTrue();
        engine.addOrder("C1", "C");
        assertThat(engine.eventsOf("C1")).containsExactly("OrderAdded", "OrderStarted", "OrderNoticesConsumptionStarted B/P1",
                "OrderProcessingStarted", "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [0,\"consumeNotices\",1]",
                "OrderNoticesConsumed", "OrderFinished");
        assertThat(engine.state.boards().get(new BoardPath("B")).hasNotice("P1")).isFalse();
    }
}
