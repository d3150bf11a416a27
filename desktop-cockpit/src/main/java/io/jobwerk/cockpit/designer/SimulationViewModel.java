package io.jobwerk.cockpit.designer;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.simulation.JobOutcome;
import io.jobwerk.engine.simulation.Simulation;
import io.jobwerk.engine.simulation.SimulationConf;
import io.jobwerk.engine.simulation.Simulator;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/**
 * The designer's simulation: per job an outcome text (as {@code jobwerk simulate --outcome} reads it),
 * whether prompts are answered, which boards hold a notice; {@link #run} simulates the workflow being
 * edited, and {@link #stepProperty} says how many of its events are shown (all, or one more per step)
 * so the graph can draw the order's path so far. Pure and fast, so it runs on the FX thread.
 */
public final class SimulationViewModel {

    private final Supplier<Workflow> workflow;
    private final ObservableMap<String, String> outcomes = FXCollections.observableMap(new LinkedHashMap<>());
    private final BooleanProperty answerPrompts = new SimpleBooleanProperty(true);
    private final StringProperty notices = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<Optional<Simulation>> simulation = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final IntegerProperty step = new SimpleIntegerProperty(0);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

    public SimulationViewModel(Supplier<Workflow> workflow) {
        this.workflow = workflow;
    }

    /** Job name → outcome text, e.g. {@code fail:3,takes:5m/ok}; a job not listed succeeds at once. */
    public ObservableMap<String, String> outcomes() {
        return outcomes;
    }

    public BooleanProperty answerPromptsProperty() {
        return answerPrompts;
    }

    /** Boards with a notice for the order, comma-separated. */
    public StringProperty noticesProperty() {
        return notices;
    }

    public ReadOnlyObjectProperty<Optional<Simulation>> simulationProperty() {
        return simulation.getReadOnlyProperty();
    }

    /** How many events are shown. */
    public IntegerProperty stepProperty() {
        return step;
    }

    /** How the simulation ended, or why it could not run. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Simulates; {@code stepwise}: shows no event yet (then {@link #next}), else all at once. */
    public void run(boolean stepwise) {
        Checked<Simulation> result = conf().flatMap(c -> Simulator.simulate(workflow.get(), c));
        if (result.isFail()) {
            simulation.set(Optional.empty());
            summary.set(result.problemOption().map(Problem::message).orElse(""));
            step.set(0);
            return;
        }
        Simulation s = result.orThrow();
        step.set(stepwise ? 0 : s.events().size());
        simulation.set(Optional.of(s));
        summary.set(summaryOf(s));
    }

    /** Shows one more event. */
    public void next() {
        simulation.get().ifPresent(s -> step.set(Math.min(step.get() + 1, s.events().size())));
    }

    public void clear() {
        simulation.set(Optional.empty());
        summary.set("");
        step.set(0);
    }

    /** The positions the order and its children have been at up to the shown step, and the latest one. */
    public record Path(Set<Position> visited, Optional<Position> current) {}

    public Path path() {
        Set<Position> visited = new LinkedHashSet<>();
        Optional<Position> current = Optional.empty();
        Optional<Simulation> s = simulation.get();
        if (s.isPresent()) {
            List<Simulation.SimulatedEvent> events = s.get().events().subList(0, step.get());
            for (Simulation.SimulatedEvent e : events) {
                // an order inside a block has passed the instructions that hold it (an If moves its order straight in)
                for (Optional<Position> p = Optional.of(e.position()); p.isPresent(); p = p.get().parent()) {
                    visited.add(p.get());
                }
                current = Optional.of(e.position());
            }
        }
        return new Path(visited, current);
    }

    private Checked<SimulationConf> conf() {
        Map<String, List<JobOutcome>> jobs = new LinkedHashMap<>();
        for (Map.Entry<String, String> o : outcomes.entrySet()) {
            if (o.getValue().isBlank()) {
                continue;
            }
            Checked<List<JobOutcome>> parsed = JobOutcome.parseSequence(o.getValue());
            if (parsed.isFail()) {
                return Checked.fail(parsed.problemOption().orElseThrow().withPrefix("Job " + o.getKey()));
            }
            jobs.put(o.getKey(), parsed.orThrow());
        }
        Set<BoardPath> boards = new LinkedHashSet<>();
        for (String b : notices.get().split(",")) {
            if (!b.isBlank()) {
                boards.add(new BoardPath(b.strip()));
            }
        }
        return Checked.ok(SimulationConf.DEFAULT.withOutcomes(jobs).withAnswerPrompts(answerPrompts.get()).withExistingNotices(boards));
    }

    static String summaryOf(Simulation s) {
        java.time.Duration d = s.elapsed();
        return s.ending().outcome().name().charAt(0) + s.ending().outcome().name().substring(1).toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + ": " + s.ending().description() + " after " + String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart())
                + " (virtual), " + s.events().size() + " events";
    }
}
