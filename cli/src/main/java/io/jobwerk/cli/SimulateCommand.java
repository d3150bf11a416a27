package io.jobwerk.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.json.OrderEventJson;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.simulation.JobOutcome;
import io.jobwerk.engine.simulation.Simulation;
import io.jobwerk.engine.simulation.SimulationConf;
import io.jobwerk.engine.simulation.Simulator;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.engine.workflow.Workflow;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jobwerk simulate FILE}: runs one order through a workflow file on the engine's pure motor in
 * virtual time and prints its events, one line each, then how it ended. Nothing is sent to a Controller.
 * Exit code 0 when the order finished, 1 when it failed, stopped, waits for ever or hit the limit or the
 * file is wrong (one line on stderr), 2 for a usage error.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate an order through a workflow file (JS7 engine format) in virtual time, before deploying it.",
                "Each job succeeds at once unless --outcome says otherwise. Prints one line per event and how the order ended."})
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The workflow file (NAME.workflow.json).")
    Path file;

    @Option(names = "--outcome", paramLabel = "JOB=SPEC",
            description = {"What a job does: ok, fail[:RC], rc:RC, takes:DURATION (90s, 5m, 2h, 1d), NAME=VALUE (a returned value),",
                    "joined by commas; successive calls separated by '/', the last one repeating. E.g. load=fail:3,takes:5m/ok"})
    Map<String, String> outcomes = new LinkedHashMap<>();

    @Option(names = "--arg", paramLabel = "NAME=VALUE", description = "An order argument (a number if it reads as one).")
    Map<String, String> arguments = new LinkedHashMap<>();

    @Option(names = "--notice", paramLabel = "BOARD", description = "A notice for the order exists on this board.")
    List<String> notices = List.of();

    @Option(names = "--no-answer", description = "Leave prompts unanswered (default: an operator answers each at once).")
    boolean noAnswer;

    @Option(names = "--limit", paramLabel = "DURATION", defaultValue = "7d",
            description = "Give up after this much virtual time (default: ${DEFAULT-VALUE}).")
    String limit;

    @Override
    public Integer call() {
        Checked<Simulation> simulation = ItemFiles.readFile(file, new VersionId("simulated"))
                .flatMap(SimulateCommand::workflowOf)
                .flatMap(workflow -> conf().flatMap(conf -> Simulator.simulate(workflow, conf)));
        PrintWriter out = spec.commandLine().getOut();
        if (simulation.isFail()) {
            Problem problem = simulation.problemOption().orElseThrow();
            spec.commandLine().getErr().println("simulate: " + problem.message());
            spec.commandLine().getErr().flush();
            return 1;
        }
        Simulation s = simulation.orThrow();
        for (Simulation.SimulatedEvent e : s.events()) {
            out.println(line(e));
        }
        out.println(s.ending().outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + s.ending().description()
                + " after " + elapsed(s.elapsed()) + " of virtual time, " + s.events().size() + " events");
        out.flush();
        return s.ending().outcome() == Simulation.Outcome.FINISHED ? 0 : 1;
    }

    private static Checked<Workflow> workflowOf(ItemFiles.Entry entry) {
        if (entry.deployable() instanceof ItemOperation.Deployable.UnsignedWorkflow w) {
            return Checked.ok(w.workflow());
        }
        return Checked.fail(Problem.of("NotAWorkflow", entry.file() + ": a " + entry.type() + ", not a workflow"));
    }

    private Checked<SimulationConf> conf() {
        Map<String, List<JobOutcome>> jobs = new LinkedHashMap<>();
        for (Map.Entry<String, String> o : outcomes.entrySet()) {
            Checked<List<JobOutcome>> parsed = JobOutcome.parseSequence(o.getValue());
            if (parsed.isFail()) {
                return Checked.fail(parsed.problemOption().orElseThrow().withPrefix("--outcome " + o.getKey()));
            }
            jobs.put(o.getKey(), parsed.orThrow());
        }
        Duration timeLimit;
        try {
            timeLimit = JobOutcome.parse("takes:" + limit).orThrow().takes();
        } catch (IllegalStateException e) {
            return Checked.fail(Problem.of("InvalidLimit", "--limit " + limit + ": not a duration like 90s, 5m, 2h, 1d"));
        }
        Map<String, Value> args = new LinkedHashMap<>();
        arguments.forEach((k, v) -> args.put(k, v.matches("-?\\d+(\\.\\d+)?") ? Value.of(new java.math.BigDecimal(v)) : Value.of(v)));
        Set<BoardPath> boards = notices.stream().map(BoardPath::new).collect(Collectors.toSet());
        return Checked.ok(new SimulationConf(SimulationConf.DEFAULT_START, jobs, !noAnswer, boards, args, timeLimit,
                SimulationConf.DEFAULT.eventLimit()));
    }

    /** {@code +0:05:00  simulated  OrderProcessed  outcome={…}}: the event as {@code jobwerk events} shows it, at its virtual time. */
    static String line(Simulation.SimulatedEvent e) {
        ObjectNode json = OrderEventJson.encode(e.event());
        json.put("Key", e.orderId().string());
        return "+" + elapsed(e.elapsed()) + "  " + EventLine.formatUnstamped(json);
    }

    static String elapsed(Duration d) {
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
