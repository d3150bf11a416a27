package io.jobwerk.cockpit.designer;

import io.jobwerk.engine.simulation.Simulation;
import io.jobwerk.engine.workflow.JobName;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.util.LinkedHashSet;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The simulation's controls: an outcome per job (as {@code jobwerk simulate --outcome} reads it),
 * prompts answered or not, boards with notices; Run (all at once) or Step (one event more each
 * time); the events so far and how the order ended. The graph draws the path (see DesignerView).
 */
final class SimulationPane extends HBox {

    private final SimulationViewModel viewModel;
    private final GridPane outcomes = new GridPane();
    private final ObservableList<String> lines = FXCollections.observableArrayList();

    SimulationPane(SimulationViewModel viewModel, DesignerViewModel designer) {
        super(12);
        this.viewModel = viewModel;
        setId("simulation");
        setPadding(new Insets(6));
        outcomes.setHgap(6);
        outcomes.setVgap(4);
        Label hint = new Label("Outcome per job: ok, fail:RC, takes:5m, NAME=VALUE; calls separated by /");
        hint.getStyleClass().add("hint");
        CheckBox answer = new CheckBox("Answer prompts");
        answer.selectedProperty().bindBidirectional(viewModel.answerPromptsProperty());
        TextField notices = new TextField();
        notices.setPromptText("boards with a notice, comma-separated");
        notices.textProperty().bindBidirectional(viewModel.noticesProperty());
        Button run = new Button("Run");
        run.setId("simulateRun");
        run.setOnAction(e -> viewModel.run(false));
        Button step = new Button("Step");
        step.setId("simulateStep");
        step.setOnAction(e -> {
            if (viewModel.simulationProperty().get().isEmpty()) {
                viewModel.run(true);
            }
            viewModel.next();
        });
        Button clear = new Button("Clear");
        clear.setOnAction(e -> viewModel.clear());
        Label summary = new Label();
        summary.setId("simulationSummary");
        summary.setWrapText(true);
        summary.textProperty().bind(viewModel.summaryProperty());
        notices.setPrefColumnCount(18);
        HBox controls = new HBox(8, run, step, clear, answer, notices);
        controls.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        javafx.scene.control.ScrollPane outcomeScroll = new javafx.scene.control.ScrollPane(new VBox(6, hint, outcomes));
        outcomeScroll.setFitToWidth(true);
        outcomeScroll.setPrefWidth(400);
        ListView<String> events = new ListView<>(lines);
        events.setId("simulationEvents");
        events.getStyleClass().add("simulation-events");
        events.setPlaceholder(new Label("Run simulates one order in virtual time; Step shows its events one by one on the graph."));
        HBox.setHgrow(events, Priority.ALWAYS);
        HBox body = new HBox(10, outcomeScroll, events);
        VBox.setVgrow(body, Priority.ALWAYS);
        VBox all = new VBox(6, controls, summary, body);
        HBox.setHgrow(all, Priority.ALWAYS);
        getChildren().add(all);
        viewModel.stepProperty().addListener((o, a, b) -> showEvents(events));
        viewModel.simulationProperty().addListener((o, a, b) -> showEvents(events));
        designer.historyProperty().addListener((o, a, h) -> {
            showJobs(h.current());
            viewModel.clear();
        });
        showJobs(designer.workflow());
    }

    private void showJobs(Workflow workflow) {
        Set<String> jobs = new LinkedHashSet<>();
        for (Position p : workflow.positions()) {
            workflow.jobName(p).map(JobName::string).or(() -> workflow.job(p).isOk() ? workflow.label(p).map(Object::toString)
                    : java.util.Optional.empty()).ifPresent(jobs::add);
        }
        outcomes.getChildren().clear();
        int row = 0;
        for (String job : jobs) {
            TextField spec = new TextField(viewModel.outcomes().getOrDefault(job, ""));
            spec.setId("outcome-" + job);
            spec.setPromptText("ok");
            spec.textProperty().addListener((o, a, text) -> viewModel.outcomes().put(job, text));
            GridPane.setHgrow(spec, Priority.ALWAYS);
            outcomes.addRow(row++, new Label(job), spec);
        }
    }

    private void showEvents(ListView<String> events) {
        lines.clear();
        viewModel.simulationProperty().get().ifPresent(s -> {
            for (Simulation.SimulatedEvent e : s.events().subList(0, viewModel.stepProperty().get())) {
                java.time.Duration d = e.elapsed();
                lines.add(String.format("+%d:%02d:%02d  %s  %s  at %s", d.toHours(), d.toMinutesPart(), d.toSecondsPart(),
                        e.orderId(), e.event().typeName(), e.position()));
            }
            if (!lines.isEmpty()) {
                events.scrollTo(lines.size() - 1);
            }
        });
    }
}
