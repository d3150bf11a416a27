package io.jobwerk.engine.shapes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.shapes.Shape.OrderSpec;
import io.jobwerk.engine.shapes.Shape.Reaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Generates workflow shapes: a systematic list (every instruction the motor executes, in every
 * placement, plus operator scenarios) with stable names, and random nestings by seed.
 * Pure: no I/O, no clock; the same seed gives the same shape.
 *
 * <p>Jobs are quick shell scripts: {@code ok} (exit 0), {@code fail} (exit 1), {@code values}
 * (returns {@code result=42}), {@code slow} (sleeps 2 s), {@code timeout} (sleeps 5 s with a 1 s
 * timeout), {@code trycount} (returns {@code try=$js7TryCount}, fails on the first try), {@code ok2}
 * (exit 0 on the second Agent). Nothing depends on wall-clock races: sleeps are long against the
 * operator reactions they are paired with, and Cycles repeat continuously with a limit.
 */
public final class WorkflowShapes {
    private WorkflowShapes() {}

    public static final String AGENT = "AGENT";
    public static final String AGENT2 = "AGENT2";

    /** Every systematic case (several hundred), in a stable order with stable unique names. */
    public static List<Shape> systematic() {
        List<Shape> list = new ArrayList<>();
        for (Placement placement : PLACEMENTS) {
            for (Probe probe : PROBES) {
                if (probe.needsCycle() && !placement.name().equals("in-cycle")) {
                    continue;
                }
                String name = probe.name() + "--" + placement.name();
                Builder b = new Builder(name);
                List<ObjectNode> main = placement.wrap().apply(new Ctx(b, () -> probe.build().apply(b)));
                list.add(b.finish("Probe " + probe.name() + " placed " + placement.name(), main));
            }
        }
        for (Scenario scenario : SCENARIOS) {
            for (Placement placement : SCENARIO_PLACEMENTS) {
                if (placement.name().equals("after-job") && scenario.name().matches("cancel-processing.*|suspend-(resume|kill-resume|cancel)")) {
                    // the reaction to the first OrderProcessingStarted would hit the job before, racing with the next step
                    continue;
                }
                String name = "op-" + scenario.name() + "--" + placement.name();
                Builder b = new Builder(name);
                // the operator acts on the order that runs the scenario (in a fork: child A), never on a bystander
                b.reactionOrderSuffix = placement.name().equals("in-fork") ? "|A" : "";
                List<ObjectNode> main = placement.wrap().apply(new Ctx(b, () -> scenario.build().apply(b)));
                list.add(b.finish("Operator scenario " + scenario.name() + " placed " + placement.name(), main));
            }
        }
        for (Probe probe : TWO_AGENT_PROBES) {
            String name = "two-agents-" + probe.name();
            Builder b = new Builder(name);
            list.add(b.finish("Two Agents: " + probe.name(), probe.build().apply(b)));
        }
        for (Probe probe : FORK_PLACEMENT_PROBES) {
            String name = "fork-placement-" + probe.name();
            Builder b = new Builder(name);
            list.add(b.finish("Where a fork with three children forks: " + probe.name(), probe.build().apply(b)));
        }
        return list;
    }

    /** Systematic cases followed by {@code randomCount} random ones (seeds 1..randomCount). */
    public static List<Shape> all(int randomCount) {
        List<Shape> list = new ArrayList<>(systematic());
        for (long seed = 1; seed <= randomCount; seed++) {
            list.add(generate(seed));
        }
        return list;
    }

    /**
     * A random nesting of block instructions (depth up to 3) around random leaves, on one Agent,
     * named {@code random-SEED}. Every Prompt is answered.
     */
    public static Shape generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Builder b = new Builder("random-" + seed);
        List<ObjectNode> main = randomBlock(b, random, 3, 1 + random.nextInt(3), false);
        return b.finish("Random shape, seed " + seed, main);
    }

    /**
     * As {@link #generate}, on two Agents: each {@code ok} job runs on AGENT2 ({@code ok2}) with
     * probability one half, so orders move between the Agents inside nested blocks. Named
     * {@code random2-SEED}.
     */
    public static Shape generateTwoAgents(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Builder b = new Builder("random2-" + seed);
        b.twoAgentJobs = true;
        List<ObjectNode> main = randomBlock(b, random, 3, 1 + random.nextInt(3), false);
        return b.finish("Random shape on two Agents, seed " + seed, main);
    }

    /** {@link #all(int)}, then {@code twoAgentCount} two-Agent random shapes (seeds 1..twoAgentCount). */
    public static List<Shape> all(int randomCount, int twoAgentCount) {
        List<Shape> list = new ArrayList<>(all(randomCount));
        for (long seed = 1; seed <= twoAgentCount; seed++) {
            list.add(generateTwoAgents(seed));
        }
        return list;
    }

    // ---- probes: the instruction under test ----

    private record Probe(String name, Function<Builder, List<ObjectNode>> build, boolean needsCycle) {
        Probe(String name, Function<Builder, List<ObjectNode>> build) {
            this(name, build, false);
        }
    }

    private static final List<Probe> PROBES = List.of(
            new Probe("job", b -> List.of(b.job("ok"))),
            new Probe("job-fail", b -> List.of(b.job("fail"))),
            new Probe("job-values", b -> List.of(b.job("values"))),
            new Probe("job-timeout", b -> List.of(b.job("timeout"))),
            new Probe("if-then", b -> List.of(b.ifThen("true", List.of(b.job("ok")), null))),
            new Probe("if-else", b -> List.of(b.ifThen("false", List.of(b.job("fail")), List.of(b.job("ok"))))),
            new Probe("if-empty", b -> List.of(b.ifThen("true", List.of(), null))),
            new Probe("if-bad-predicate", b -> List.of(b.ifThen("$missingVariable == 1", List.of(b.job("ok")), null))),
            new Probe("try-ok", b -> List.of(b.tryCatch(List.of(b.job("ok")), List.of(b.job("ok"))))),
            new Probe("try-fail", b -> List.of(b.tryCatch(List.of(b.job("fail")), List.of(b.job("ok"))))),
            new Probe("try-fail-instruction", b -> List.of(b.tryCatch(List.of(b.fail(false)), List.of()))),
            new Probe("try-catch-fails", b -> List.of(b.tryCatch(List.of(b.job("fail")), List.of(b.job("fail"))))),
            new Probe("retry-succeeds", b -> List.of(b.retry(List.of(b.job("trycount")), "[0]", 3))),
            new Probe("retry-exhausted", b -> List.of(b.retry(List.of(b.job("fail")), "[0]", 2))),
            new Probe("retry-delayed", b -> List.of(b.retry(List.of(b.job("trycount")), "[1]", 2))),
            new Probe("retry-fork", b -> List.of(b.retry(List.of(b.fork(Map.of("A", List.of(b.job("trycount")),
                    "B", List.of(b.job("ok"))), false)), "[0]", 2))),
            new Probe("fork", b -> List.of(b.fork(Map.of("A", List.of(b.job("ok")), "B", List.of(b.job("values"))), false))),
            new Probe("fork-fail", b -> List.of(b.fork(Map.of("A", List.of(b.job("fail")), "B", List.of(b.job("ok"))), false))),
            new Probe("fork-join-if-failed", b -> List.of(b.fork(Map.of("A", List.of(b.job("fail")), "B", List.of(b.job("ok"))), true))),
            new Probe("fork-empty-branch", b -> List.of(b.fork(Map.of("A", List.of(), "B", List.of(b.job("ok"))), false))),
            new Probe("forklist", b -> List.of(b.forkList(List.of(b.job("ok")), false))),
            new Probe("forklist-fail", b -> List.of(b.forkList(List.of(b.job("fail")), false))),
            new Probe("lock", b -> List.of(b.lock(List.of(b.job("ok"))))),
            new Probe("lock-fail", b -> List.of(b.lock(List.of(b.job("fail"))))),
            new Probe("lock-empty", b -> List.of(b.lock(List.of()))),
            new Probe("prompt", b -> List.of(b.prompt())),
            new Probe("post-expect", b -> List.of(b.post(), b.expect("Wait"))),
            new Probe("expect-not-announced-skip", b -> List.of(b.expect("SkipWhenNoNotice"))),
            new Probe("expect-not-announced-dontwait", b -> List.of(b.expect("DontWait"))),
            new Probe("expect-waits", b -> List.of(b.expect("Wait"))),
            new Probe("post-consume", b -> List.of(b.post(), b.consume(List.of(b.job("ok"))))),
            new Probe("consume-skip", b -> List.of(b.consumeSkipping(List.of(b.job("ok"))))),
            new Probe("add-order", b -> List.of(b.addOrder())),
            new Probe("finish", b -> List.of(b.finish(false), b.job("ok"))),
            new Probe("finish-failed", b -> List.of(b.finish(true), b.job("ok"))),
            new Probe("fail", b -> List.of(b.fail(false))),
            new Probe("fail-uncatchable", b -> List.of(b.fail(true))),
            new Probe("cycle", b -> List.of(b.cycle(2, List.of(b.job("ok"))))),
            new Probe("cycle-fail", b -> List.of(b.cycle(2, List.of(b.job("fail"))))),
            new Probe("cycle-break", b -> List.of(b.cycle(3, List.of(b.job("ok"), b.brk())))),
            new Probe("options", b -> List.of(b.options(List.of(b.job("ok"))))),
            new Probe("options-stop", b -> List.of(b.options(List.of(b.job("fail"), b.job("ok"))))),
            new Probe("options-try", b -> List.of(b.options(List.of(b.tryCatch(List.of(b.job("fail")), List.of(b.job("ok"))))))),
            new Probe("options-fail-instruction", b -> List.of(b.options(List.of(b.fail(false))))),
            new Probe("sticky", b -> List.of(b.sticky(List.of(b.job("ok"), b.job("ok"))))),
            new Probe("sticky-fail", b -> List.of(b.sticky(List.of(b.job("fail"))))),
            new Probe("sleep", b -> List.of(b.sleep("0.5"))),
            new Probe("sleep-zero", b -> List.of(b.sleep("0"))),
            new Probe("end", b -> List.of(b.end(), b.job("ok"))),
            new Probe("stop", b -> List.of(b.stop())),
            new Probe("break", b -> List.of(b.brk(), b.job("ok")), true));

    // ---- placements: where the probe sits ----

    private record Ctx(Builder b, java.util.function.Supplier<List<ObjectNode>> probe) {
        List<ObjectNode> p() {
            return probe.get();
        }
    }

    private record Placement(String name, Function<Ctx, List<ObjectNode>> wrap) {}

    private static List<ObjectNode> concat(Object... parts) {
        List<ObjectNode> list = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof ObjectNode o) {
                list.add(o);
            } else {
                @SuppressWarnings("unchecked")
                List<ObjectNode> l = (List<ObjectNode>) p;
                list.addAll(l);
            }
        }
        return list;
    }

    private static final List<Placement> PLACEMENTS = List.of(
            new Placement("first", c -> c.p()),
            new Placement("before-job", c -> concat(c.p(), c.b().job("ok"))),
            new Placement("after-job", c -> concat(c.b().job("ok"), c.p())),
            new Placement("in-then", c -> List.of(c.b().ifThen("true", c.p(), null))),
            new Placement("in-else-after-job", c -> concat(c.b().job("ok"), c.b().ifThen("false", List.of(), c.p()))),
            new Placement("in-try", c -> List.of(c.b().tryCatch(c.p(), List.of(c.b().job("ok"))))),
            new Placement("in-catch", c -> List.of(c.b().tryCatch(List.of(c.b().job("fail")), c.p()))),
            new Placement("in-retry", c -> List.of(c.b().retry(c.p(), "[0]", 2))),
            new Placement("in-fork", c -> List.of(c.b().fork(Map.of("A", c.p(), "B", List.of(c.b().job("ok"))), false))),
            new Placement("in-fork-after-job", c -> concat(c.b().job("ok"),
                    c.b().fork(Map.of("A", concat(c.b().job("ok"), c.p()), "B", List.of(c.b().job("ok"))), false))),
            new Placement("in-forklist-after-job", c -> concat(c.b().job("ok"), c.b().forkList(c.p(), false))),
            new Placement("in-lock", c -> List.of(c.b().lock(c.p()))),
            new Placement("in-options", c -> List.of(c.b().options(c.p()))),
            new Placement("in-sticky-after-job", c -> concat(c.b().job("ok"), c.b().sticky(c.p()))),
            new Placement("in-cycle", c -> List.of(c.b().cycle(1, c.p()))),
            new Placement("in-consume", c -> List.of(c.b().post(), c.b().consume(c.p()))));

    // ---- operator scenarios ----

    private record Scenario(String name, Function<Builder, List<ObjectNode>> build) {}

    private static ObjectNode cancel(String modeJson) {
        return command("{`TYPE`:`CancelOrders`,`orderIds`:[`@ORDER`],`mode`:" + modeJson + "}");
    }

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("cancel-scheduled", b -> {
                b.scheduleMainOrderInSeconds(3600);
                b.react("OrderAdded", cancel("{`TYPE`:`FreshOnly`}"));
                return List.of(b.job("ok"));
            }),
            new Scenario("cancel-processing-kill", b -> {
                b.react("OrderProcessingStarted", cancel("{`TYPE`:`FreshOrStarted`,`kill`:{`immediately`:true}}"));
                return List.of(b.job("slow"), b.job("ok"));
            }),
            new Scenario("cancel-processing-sigterm", b -> {
                b.react("OrderProcessingStarted", cancel("{`TYPE`:`FreshOrStarted`,`kill`:{`immediately`:false}}"));
                return List.of(b.job("slow"), b.job("ok"));
            }),
            new Scenario("cancel-processing-no-kill", b -> {
                b.react("OrderProcessingStarted", cancel("{`TYPE`:`FreshOrStarted`}"));
                return List.of(b.job("slow"), b.job("ok"));
            }),
            new Scenario("suspend-resume", b -> {
                b.react("OrderProcessingStarted", command("{`TYPE`:`SuspendOrders`,`orderIds`:[`@ORDER`]}"));
                b.react("OrderSuspended", command("{`TYPE`:`ResumeOrders`,`orderIds`:[`@ORDER`]}"));
                return List.of(b.job("slow"), b.job("ok"));
            }),
            new Scenario("suspend-kill-resume", b -> {
                b.react("OrderProcessingStarted", command("{`TYPE`:`SuspendOrders`,`orderIds`:[`@ORDER`],`mode`:{`kill`:{`immediately`:true}}}"));
                b.react("OrderSuspended", command("{`TYPE`:`ResumeOrders`,`orderIds`:[`@ORDER`]}"));
                return List.of(b.job("slow"), b.job("ok"));
            }),
            new Scenario("suspend-cancel", b -> {
                b.react("OrderProcessingStarted", command("{`TYPE`:`SuspendOrders`,`orderIds`:[`@ORDER`]}"));
                b.react("OrderSuspended", cancel("{`TYPE`:`FreshOrStarted`}"));
                return List.of(b.job("slow"), b.job("ok"));
            }),
            new Scenario("resume-failed-at-next", b -> {
                b.react("OrderFailed", command("{`TYPE`:`ResumeOrder`,`orderId`:`@ORDER`,`position`:`@POS:next`}"));
                return List.of(b.job("fail"), b.labelled("next", b.job("ok")));
            }),
            new Scenario("resume-failed-again", b -> {
                b.react("OrderFailed", command("{`TYPE`:`ResumeOrders`,`orderIds`:[`@ORDER`]}"));
                return List.of(b.job("fail"), b.job("ok"));
            }),
            new Scenario("resume-failed-as-succeeded", b -> {
                b.react("OrderFailed", command("{`TYPE`:`ResumeOrders`,`orderIds`:[`@ORDER`],`asSucceeded`:true}"));
                return List.of(b.job("fail"), b.job("ok"));
            }),
            new Scenario("cancel-failed", b -> {
                b.react("OrderFailed", cancel("{`TYPE`:`FreshOrStarted`}"));
                return List.of(b.job("fail"), b.job("ok"));
            }),
            new Scenario("resume-stopped", b -> {
                b.react("OrderStopped", command("{`TYPE`:`ResumeOrder`,`orderId`:`@ORDER`,`position`:`@POS:next`}"));
                return List.of(b.options(List.of(b.job("fail"), b.labelled("next", b.job("ok")))));
            }),
            new Scenario("answer-prompt-then-fail", b -> List.of(b.prompt(), b.job("fail"))),
            new Scenario("cancel-prompting", b -> {
                b.react("OrderPrompted", cancel("{`TYPE`:`FreshOrStarted`}"));
                return List.of(b.promptUnanswered(), b.job("ok"));
            }),
            new Scenario("suspend-prompting", b -> {
                b.react("OrderPrompted", command("{`TYPE`:`SuspendOrders`,`orderIds`:[`@ORDER`]}"));
                return List.of(b.promptUnanswered(), b.job("ok"));
            }),
            new Scenario("go-sleeping", b -> {
                b.react("OrderSleeping", command("{`TYPE`:`GoOrder`,`orderId`:`@ORDER`,`position`:`@POSITION`}"));
                return List.of(b.sleep("60"), b.job("ok"));
            }),
            new Scenario("cancel-sleeping", b -> {
                b.react("OrderSleeping", cancel("{`TYPE`:`FreshOrStarted`}"));
                return List.of(b.sleep("60"), b.job("ok"));
            }),
            new Scenario("go-delaying-retry", b -> {
                b.react("OrderRetrying", command("{`TYPE`:`GoOrder`,`orderId`:`@ORDER`,`position`:`@POSITION`}"));
                return List.of(b.retry(List.of(b.job("trycount")), "[60]", 2));
            }),
            new Scenario("go-expecting", b -> {
                b.react("OrderNoticesExpected", command("{`TYPE`:`GoOrder`,`orderId`:`@ORDER`,`position`:`@POSITION`}"));
                return List.of(b.expect("Wait"), b.job("ok"));
            }),
            new Scenario("cancel-expecting", b -> {
                b.react("OrderNoticesExpected", cancel("{`TYPE`:`FreshOrStarted`}"));
                return List.of(b.expect("Wait"), b.job("ok"));
            }),
            new Scenario("cancel-forked-parent", b -> {
                b.react("OrderForked", cancel("{`TYPE`:`FreshOrStarted`,`kill`:{`immediately`:true}}"));
                return List.of(b.fork(Map.of("A", List.of(b.job("slow")), "B", List.of(b.job("slow"))), false));
            }),
            new Scenario("suspend-forked-parent", b -> {
                b.react("OrderForked", command("{`TYPE`:`SuspendOrders`,`orderIds`:[`@ORDER`]}"));
                return List.of(b.fork(Map.of("A", List.of(b.job("slow")), "B", List.of(b.job("ok"))), false), b.job("ok"));
            }));

    private static final List<Placement> SCENARIO_PLACEMENTS = List.of(
            new Placement("first", c -> c.p()),
            new Placement("after-job", c -> concat(c.b().job("ok"), c.p())),
            new Placement("in-try", c -> List.of(c.b().tryCatch(c.p(), List.of(c.b().job("ok"))))),
            new Placement("in-fork", c -> List.of(c.b().fork(Map.of("A", c.p(), "B", List.of(c.b().job("ok"))), false))));

    /** A fork of three children or more moves its parent to where all of them start (JS7's prediction). */
    private static final List<Probe> FORK_PLACEMENT_PROBES = List.of(
            new Probe("forklist3-job--first", b -> List.of(b.forkList(List.of(b.job("ok")), false, 3))),
            new Probe("forklist3-job--after-job", b -> List.of(b.job("ok"), b.forkList(List.of(b.job("ok")), false, 3))),
            new Probe("forklist3-prompt--after-job", b -> List.of(b.job("ok"), b.forkList(List.of(b.prompt()), false, 3))),
            new Probe("forklist3-prompt-then-job--after-job", b -> List.of(b.job("ok"),
                    b.forkList(List.of(b.prompt(), b.job("ok")), false, 3))),
            new Probe("fork3-job--first", b -> List.of(b.fork(Map.of("A", List.of(b.job("ok")), "B", List.of(b.job("ok")),
                    "C", List.of(b.job("ok"))), false))),
            new Probe("fork3-job-or-prompt--after-job", b -> List.of(b.job("ok"), b.fork(Map.of("A", List.of(b.job("ok")),
                    "B", List.of(b.job("ok")), "C", List.of(b.prompt())), false))));

    private static final List<Probe> TWO_AGENT_PROBES = List.of(
            new Probe("job-then-job2", b -> List.of(b.job("ok"), b.job("ok2"))),
            new Probe("job2-then-job", b -> List.of(b.job("ok2"), b.job("ok"))),
            new Probe("fork-one-per-agent", b -> List.of(b.fork(Map.of("A", List.of(b.job("ok")), "B", List.of(b.job("ok2"))), false))),
            new Probe("fork-after-job-one-per-agent", b -> List.of(b.job("ok"),
                    b.fork(Map.of("A", List.of(b.job("ok")), "B", List.of(b.job("ok2"))), false))),
            new Probe("try-fail-catch-on-agent2", b -> List.of(b.tryCatch(List.of(b.job("fail")), List.of(b.job("ok2"))))),
            new Probe("sticky-job-job2-job", b -> List.of(b.sticky(List.of(b.job("ok"), b.job("ok2"), b.job("ok"))))),
            new Probe("forklist3-job2--first", b -> List.of(b.forkList(List.of(b.job("ok2")), false, 3))),
            new Probe("forklist3-job2--after-job", b -> List.of(b.job("ok"), b.forkList(List.of(b.job("ok2")), false, 3))),
            new Probe("forklist2-job2--after-job", b -> List.of(b.job("ok"), b.forkList(List.of(b.job("ok2")), false))),
            new Probe("fork3-one-on-agent2--after-job", b -> List.of(b.job("ok"), b.fork(Map.of("A", List.of(b.job("ok")),
                    "B", List.of(b.job("ok")), "C", List.of(b.job("ok2"))), false))),
            new Probe("retry-across-agents", b -> List.of(b.retry(List.of(b.job("ok2"), b.job("trycount")), "[0]", 3))),
            new Probe("prompt-between-agents", b -> List.of(b.job("ok"), b.prompt(), b.job("ok2"))),
            new Probe("lock-across-agents", b -> List.of(b.lock(List.of(b.job("ok"), b.job("ok2"))))),
            new Probe("sticky-then-agent2", b -> List.of(b.sticky(List.of(b.job("ok"))), b.job("ok2"))),
            new Probe("cycle-across-agents", b -> List.of(b.cycle(2, List.of(b.job("ok"), b.job("ok2"))))));

    // ---- random shapes ----

    private static final String[] RANDOM_LEAVES = {
        "ok", "ok", "ok", "fail", "values", "prompt", "post", "expect-skip", "finish", "fail-instr", "sleep",
        "add-order", "end", "trycount"
    };

    private static final String[] RANDOM_BLOCKS = {
        "if", "if-else", "try", "retry", "fork", "forklist", "lock", "options", "sticky", "cycle", "consume"
    };

    private static List<ObjectNode> randomBlock(Builder b, SplittableRandom random, int depth, int size, boolean inCycle) {
        List<ObjectNode> list = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (depth > 0 && random.nextInt(3) == 0) {
                list.add(randomBlockInstruction(b, random, depth - 1, inCycle));
            } else {
                list.add(randomLeaf(b, random, inCycle));
            }
        }
        return list;
    }

    private static ObjectNode randomLeaf(Builder b, SplittableRandom random, boolean inCycle) {
        String leaf = RANDOM_LEAVES[random.nextInt(RANDOM_LEAVES.length)];
        return switch (leaf) {
            case "prompt" -> b.prompt();
            case "post" -> b.post();
            case "expect-skip" -> b.expect("SkipWhenNoNotice");
            case "finish" -> b.finish(random.nextBoolean());
            case "fail-instr" -> b.fail(false);
            case "sleep" -> b.sleep("0.2");
            case "add-order" -> b.addOrder();
            case "end" -> inCycle && random.nextBoolean() ? b.brk() : b.end();
            default -> b.job(leaf.equals("ok") && b.twoAgentJobs && random.nextBoolean() ? "ok2" : leaf);
        };
    }

    private static ObjectNode randomBlockInstruction(Builder b, SplittableRandom random, int depth, boolean inCycle) {
        String kind = RANDOM_BLOCKS[random.nextInt(RANDOM_BLOCKS.length)];
        int size = 1 + random.nextInt(2);
        return switch (kind) {
            case "if" -> b.ifThen(random.nextBoolean() ? "true" : "false", randomBlock(b, random, depth, size, inCycle), null);
            case "if-else" -> b.ifThen(random.nextBoolean() ? "true" : "false", randomBlock(b, random, depth, size, inCycle),
                    randomBlock(b, random, depth, 1, inCycle));
            case "try" -> b.tryCatch(randomBlock(b, random, depth, size, inCycle), randomBlock(b, random, depth, 1, inCycle));
            case "retry" -> b.retry(randomBlock(b, random, depth, size, inCycle), "[0]", 2);
            case "fork" -> b.fork(Map.of("A", randomBlock(b, random, depth, size, false),
                    "B", randomBlock(b, random, depth, 1, false)), random.nextBoolean());
            case "forklist" -> b.forkList(randomBlock(b, random, depth, size, false), random.nextBoolean());
            case "lock" -> b.lock(randomBlock(b, random, depth, size, inCycle));
            case "options" -> b.options(randomBlock(b, random, depth, size, inCycle));
            case "sticky" -> b.sticky(randomBlock(b, random, depth, size, inCycle));
            case "cycle" -> b.cycle(1 + random.nextInt(2), randomBlock(b, random, depth, size, true));
            case "consume" -> b.consumeSkipping(randomBlock(b, random, depth, size, inCycle));
            default -> throw new IllegalStateException(kind);
        };
    }

    // ---- JSON ----

    /** JSON with backquotes for double quotes, for readable literals. */
    static ObjectNode command(String backquoted) {
        return (ObjectNode) EngineJson.parse(backquoted.replace('`', '"')).orThrow();
    }

    /** Builds one shape: collects the jobs, items, reactions and extra workflows its instructions need. */
    static final class Builder {
        private final String name;
        private final Map<String, ObjectNode> jobs = new LinkedHashMap<>();
        private final List<ObjectNode> items = new ArrayList<>();
        private final List<ObjectNode> extraWorkflows = new ArrayList<>();
        private final List<Reaction> reactions = new ArrayList<>();
        private final SortedSet<String> agents = new TreeSet<>(List.of(AGENT));
        private int locks;
        private int addedOrders;
        private boolean board;
        private boolean prompts;
        private boolean calendar;
        /** Random shapes only: half of the {@code ok} jobs run on AGENT2 ({@code ok2}). */
        private boolean twoAgentJobs;
        private String reactionOrderSuffix;
        private Optional<Long> scheduledInSeconds = Optional.empty();

        Builder(String name) {
            this.name = name;
        }

        Shape finish(String description, List<ObjectNode> instructions) {
            ObjectNode workflow = workflow(name, instructions);
            if (calendar) {
                workflow.put("calendarPath", name + "-calendar");
            }
            resolvePositions(workflow);
            List<ObjectNode> workflows = new ArrayList<>();
            workflows.add(workflow);
            workflows.addAll(extraWorkflows);
            List<Reaction> all = new ArrayList<>(reactions);
            if (prompts) {
                all.add(new Reaction("OrderPrompted", Optional.empty(),
                        command("{`TYPE`:`AnswerOrderPrompt`,`orderId`:`@ORDER`}"), true));
            }
            return new Shape(name, description, workflows, items,
                    List.of(new OrderSpec(calendar ? Shape.TODAY + name : name, name, EngineJson.MAPPER.createObjectNode(),
                            scheduledInSeconds)),
                    all, agents);
        }

        private ObjectNode workflow(String path, List<ObjectNode> instructions) {
            ObjectNode w = EngineJson.MAPPER.createObjectNode();
            w.put("TYPE", "Workflow");
            w.put("path", path);
            ArrayNode a = w.putArray("instructions");
            instructions.forEach(a::add);
            if (!jobs.isEmpty()) {
                ObjectNode j = w.putObject("jobs");
                jobs.forEach(j::set);
            }
            return w;
        }

        private void resolvePositions(ObjectNode workflow) {
            for (int i = 0; i < reactions.size(); i++) {
                Reaction r = reactions.get(i);
                JsonNode position = r.command().get("position");
                if (position != null && position.isTextual() && position.textValue().startsWith("@POS:")) {
                    String label = position.textValue().substring("@POS:".length());
                    ObjectNode c = r.command().deepCopy();
                    c.set("position", Positions.ofLabel(workflow, label)
                            .orElseThrow(() -> new IllegalStateException("No label " + label + " in " + name)));
                    reactions.set(i, new Reaction(r.onEvent(), r.orderSuffix(), c, r.every()));
                }
            }
        }

        void react(String onEvent, ObjectNode command) {
            reactions.add(new Reaction(onEvent, Optional.ofNullable(reactionOrderSuffix), command, false));
        }

        void scheduleMainOrderInSeconds(long seconds) {
            scheduledInSeconds = Optional.of(seconds);
        }

        ObjectNode labelled(String label, ObjectNode instruction) {
            instruction.put("label", label);
            return instruction;
        }

        ObjectNode job(String jobName) {
            jobs.computeIfAbsent(jobName, WorkflowShapes::jobDefinition);
            if (jobName.equals("ok2")) {
                agents.add(AGENT2);
            }
            return command("{`TYPE`:`Execute.Named`,`jobName`:`" + jobName + "`}");
        }

        ObjectNode ifThen(String predicate, List<ObjectNode> then, List<ObjectNode> elseBlock) {
            ObjectNode o = instruction("If");
            ObjectNode ifThen = o.putArray("ifThens").addObject();
            ifThen.put("predicate", predicate);
            ifThen.set("then", block(then));
            if (elseBlock != null) {
                o.set("else", block(elseBlock));
            }
            return o;
        }

        ObjectNode tryCatch(List<ObjectNode> tryBlock, List<ObjectNode> catchBlock) {
            ObjectNode o = instruction("Try");
            o.set("try", block(tryBlock));
            o.set("catch", block(catchBlock));
            return o;
        }

        ObjectNode retry(List<ObjectNode> tryBlock, String retryDelays, int maxTries) {
            ObjectNode o = tryCatch(tryBlock, List.of(instruction("Retry")));
            o.set("retryDelays", EngineJson.parse(retryDelays).orThrow());
            o.put("maxTries", maxTries);
            return o;
        }

        ObjectNode fork(Map<String, List<ObjectNode>> branches, boolean joinIfFailed) {
            ObjectNode o = instruction("Fork");
            ArrayNode a = o.putArray("branches");
            branches.keySet().stream().sorted().forEach(id -> {
                ObjectNode br = a.addObject();
                br.put("id", id);
                br.set("workflow", block(branches.get(id)));
            });
            if (joinIfFailed) {
                o.put("joinIfFailed", true);
            }
            return o;
        }

        ObjectNode forkList(List<ObjectNode> body, boolean joinIfFailed) {
            return forkList(body, joinIfFailed, 2);
        }

        /** A ForkList over the first {@code count} of 'a', 'b', 'c', 'd'. */
        ObjectNode forkList(List<ObjectNode> body, boolean joinIfFailed, int count) {
            ObjectNode o = instruction("ForkList");
            o.put("children", "[" + String.join(", ", List.of("'a'", "'b'", "'c'", "'d'").subList(0, count)) + "]");
            o.put("childToId", "element => $element");
            o.put("childToArguments", "element => { element: $element }");  // JS7 requires it
            o.set("workflow", block(body));
            if (joinIfFailed) {
                o.put("joinIfFailed", true);
            }
            return o;
        }

        ObjectNode lock(List<ObjectNode> body) {
            String lockPath = name + "-lock" + (++locks);
            items.add(command("{`TYPE`:`Lock`,`path`:`" + lockPath + "`,`limit`:1}"));
            ObjectNode o = instruction("Lock");
            o.putArray("demands").addObject().put("lockPath", lockPath);
            o.set("lockedWorkflow", block(body));
            return o;
        }

        ObjectNode prompt() {
            prompts = true;
            return promptUnanswered();
        }

        ObjectNode promptUnanswered() {
            ObjectNode o = instruction("Prompt");
            o.put("question", "'QUESTION'");
            return o;
        }

        private String board() {
            String boardPath = name + "-board";
            if (!board) {
                board = true;
                items.add(command("{`TYPE`:`GlobalBoard`,`path`:`" + boardPath + "`,`postOrderToNoticeKey`:`'N'`,"
                        + "`expectOrderToNoticeKey`:`'N'`,`endOfLife`:`$js7EpochMilli + 24 * 3600 * 1000`}"));
            }
            return boardPath;
        }

        ObjectNode post() {
            ObjectNode o = instruction("PostNotices");
            o.putArray("boardPaths").add(board());
            return o;
        }

        ObjectNode expect(String whenNotAnnounced) {
            ObjectNode o = instruction("ExpectNotices");
            o.put("boardPaths", "'" + board() + "'");
            o.put("whenNotAnnounced", whenNotAnnounced);
            return o;
        }

        ObjectNode consume(List<ObjectNode> body) {
            ObjectNode o = instruction("ConsumeNotices");
            o.put("boardPaths", "'" + board() + "'");
            o.put("whenNotAnnounced", "Wait");
            o.set("subworkflow", block(body));
            return o;
        }

        ObjectNode consumeSkipping(List<ObjectNode> body) {
            ObjectNode o = consume(body);
            o.put("whenNotAnnounced", "SkipWhenNoNotice");
            return o;
        }

        ObjectNode addOrder() {
            String addedPath = name + "-added";
            if (extraWorkflows.isEmpty()) {
                Builder added = new Builder(addedPath);
                extraWorkflows.add(added.workflow(addedPath, List.of(added.job("ok"))));
            }
            ObjectNode o = instruction("AddOrder");
            o.put("orderId", "'" + name + "-added" + (++addedOrders) + "'");
            o.put("workflowPath", addedPath);
            o.put("deleteWhenTerminated", true);
            return o;
        }

        ObjectNode finish(boolean failed) {
            ObjectNode o = instruction("Finish");
            if (failed) {
                o.set("outcome", command("{`TYPE`:`Failed`,`message`:`FINISHED-FAILED`}"));
            }
            return o;
        }

        ObjectNode fail(boolean uncatchable) {
            ObjectNode o = instruction("Fail");
            o.put("message", "'FAIL-MESSAGE'");
            o.putObject("namedValues").put("returnCode", 7);
            if (uncatchable) {
                o.put("uncatchable", true);
            }
            return o;
        }

        ObjectNode cycle(int limit, List<ObjectNode> body) {
            if (!calendar) {
                // JS7's Cycle needs the workflow's Calendar, which takes the order's day from its OrderId
                calendar = true;
                items.add(command("{`TYPE`:`Calendar`,`path`:`" + name + "-calendar`,`dateOffset`:0,"
                        + "`orderIdPattern`:`#([^#]+)#.*`,`periodDatePattern`:`yyyy-MM-dd`}"));
            }
            ObjectNode o = instruction("Cycle");
            o.set("schedule", command("{`schemes`:[{`admissionTimeScheme`:{`periods`:[{`TYPE`:`DailyPeriod`,"
                    + "`secondOfDay`:0,`duration`:86400}]},`repeat`:{`TYPE`:`Continuous`,`pause`:0,`limit`:" + limit + "}}]}"));
            o.set("cycleWorkflow", block(body));
            return o;
        }

        ObjectNode brk() {
            return instruction("Break");
        }

        ObjectNode options(List<ObjectNode> body) {
            ObjectNode o = instruction("Options");
            o.put("stopOnFailure", true);
            o.set("block", block(body));
            return o;
        }

        ObjectNode sticky(List<ObjectNode> body) {
            ObjectNode o = instruction("StickySubagent");
            o.put("agentPath", AGENT);
            o.set("subworkflow", block(body));
            return o;
        }

        ObjectNode sleep(String seconds) {
            ObjectNode o = instruction("Sleep");
            o.put("duration", seconds);
            return o;
        }

        ObjectNode end() {
            return instruction("End");
        }

        ObjectNode stop() {
            return instruction("Stop");
        }

        private static ObjectNode instruction(String type) {
            ObjectNode o = EngineJson.MAPPER.createObjectNode();
            o.put("TYPE", type);
            return o;
        }

        private static ObjectNode block(List<ObjectNode> instructions) {
            ObjectNode o = EngineJson.MAPPER.createObjectNode();
            ArrayNode a = o.putArray("instructions");
            instructions.forEach(a::add);
            return o;
        }
    }

    static ObjectNode jobDefinition(String jobName) {
        String script = switch (jobName) {
            case "ok", "ok2" -> "exit 0";
            case "fail" -> "exit 1";
            case "values" -> "echo 'result=42' >>\"$JS7_RETURN_VALUES\"";
            case "slow" -> "exec sleep 2";  // exec: a killed job is one process, no shell reporting "Terminated"
            case "timeout" -> "exec sleep 5";
            case "trycount" -> "echo \"try=$TRY\" >>\"$JS7_RETURN_VALUES\"\ntest \"$TRY\" -ge 2";
            default -> throw new IllegalArgumentException("No job " + jobName);
        };
        ObjectNode job = EngineJson.MAPPER.createObjectNode();
        job.put("agentPath", jobName.equals("ok2") ? AGENT2 : AGENT);
        ObjectNode executable = job.putObject("executable");
        executable.put("TYPE", "ShellScriptExecutable");
        executable.put("script", "#!/bin/sh\n" + script + "\n");
        if (jobName.equals("trycount")) {
            executable.putObject("env").put("TRY", "$js7TryCount");
        }
        job.put("processLimit", 10);
        if (jobName.equals("timeout")) {
            job.put("timeout", 1);
        }
        return job;
    }

    /** The names of the systematic probes, placements and scenarios (for documentation and tests). */
    static List<String> dimensionNames() {
        List<String> names = new ArrayList<>();
        PROBES.forEach(p -> names.add("probe " + p.name()));
        PLACEMENTS.forEach(p -> names.add("placement " + p.name()));
        SCENARIOS.forEach(s -> names.add("scenario " + s.name()));
        return names;
    }

    static List<String> randomLeaves() {
        return Arrays.asList(RANDOM_LEAVES);
    }
}
