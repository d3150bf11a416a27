package io.jobwerk.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cli.JobwerkMain;
import io.jobwerk.cockpit.designer.DesignerView;
import io.jobwerk.cockpit.designer.WorkflowEditor;
import io.jobwerk.cockpit.graph.WorkflowGraphView;
import io.jobwerk.cockpit.ui.Theme;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.WorkflowJson;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowId;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import javafx.scene.shape.Polyline;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The designer, headless, with real drag gestures of TestFX's robot: builds a workflow with a job,
 * an If, a Fork and a Try/Retry from the palette, edits properties, undoes and redoes, edits the JSON,
 * simulates it, then deploys it through the Controller's item API (the CLI's deploy) to a real
 * standalone Controller + Agent, runs an order and sees it finish. Writes designer.png and designer-json.png.
 */
@ExtendWith(ApplicationExtension.class)
class DesignerSystemTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path data;
    @RegisterExtension
    static final DemoSystemExtension demo = DemoSystemExtension.withoutOrders();
    static DemoSystem system; // set by demo

    private WorkflowEditor editor;
    private Scene scene;
    private final List<Workflow> saved = new ArrayList<>();

    @Start
    void start(Stage stage) {
        Workflow empty = new Workflow(new WorkflowId(new WorkflowPath("designed/nightly-etl"), new VersionId("draft")),
                io.jobwerk.engine.workflow.OrderPreparation.DEFAULT, Workflow.DEFAULT_TIME_ZONE, List.of(), java.util.Optional.empty(),
                io.jobwerk.engine.workflow.Block.EMPTY);
        editor = new WorkflowEditor(empty);
        editor.setOnSave((file, w) -> saved.add(w));
        scene = new Scene((javafx.scene.Parent) editor.node(), 1440, 900);
        Theme.LIGHT.apply(scene);
        stage.setScene(scene);
        stage.setWidth(1440);
        stage.setHeight(900);
        stage.show();
    }

    @Test
    void buildsAWorkflowByDragAndDropSimulatesDeploysAndRunsIt(FxRobot robot) throws Exception {
        dragOntoLine(robot, "EXECUTE_NAMED", Position.of(0));
        dragOntoLine(robot, "IF", Position.of(1));
        dragOntoPlaceholder(robot, "EXECUTE_NAMED", Position.of(1).enter(io.jobwerk.engine.workflow.BranchId.THEN, 0));
        dragOntoLine(robot, "FORK", Position.of(2));
        dragOntoPlaceholder(robot, "EXECUTE_NAMED", Position.of(2).enter(io.jobwerk.engine.workflow.BranchId.fork("A"), 0));
        dragOntoPlaceholder(robot, "EXECUTE_NAMED", Position.of(2).enter(io.jobwerk.engine.workflow.BranchId.fork("B"), 0));
        dragOntoLine(robot, "TRY", Position.of(3));
        Position inTry = Position.of(3).enter(io.jobwerk.engine.workflow.BranchId.tryBranch(0), 0);
        dragOntoPlaceholder(robot, "EXECUTE_NAMED", inTry);

        Workflow built = fx(() -> editor.workflow());
        assertThat(built.instructions()).extracting(Instruction::kind).containsExactly(
                Instruction.Kind.EXECUTE_NAMED, Instruction.Kind.IF, Instruction.Kind.FORK, Instruction.Kind.TRY);
        assertThat(built.instruction(inTry).orThrow().kind()).isEqualTo(Instruction.Kind.EXECUTE_NAMED);
        assertThat(fx(() -> editor.validProperty().get())).isTrue();

        // Move by drag: the job of branch B goes after the job of branch A.
        Position sleep = Position.of(2).enter(io.jobwerk.engine.workflow.BranchId.fork("B"), 0);
        robot.interact(() -> editor.view().graph().fit());
        robot.drag(node(robot, WorkflowGraphView.nodeId(sleep.toString())), MouseButton.PRIMARY)
                .moveTo(lineMiddle(robot, Position.of(2).enter(io.jobwerk.engine.workflow.BranchId.fork("A"), 1))).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> editor.workflow().instruction(Position.of(2).enter(io.jobwerk.engine.workflow.BranchId.fork("A"), 1))
                .orThrow().kind())).isEqualTo(Instruction.Kind.EXECUTE_NAMED);

        // Undo and redo the move.
        robot.clickOn("#undo");
        assertThat(fx(() -> editor.workflow().instruction(sleep).orThrow().kind())).isEqualTo(Instruction.Kind.EXECUTE_NAMED);
        robot.clickOn("#redo");
        assertThat(fx(() -> editor.workflow().instruction(sleep).toOptional().map(Instruction::kind)))
                .contains(Instruction.Kind.IMPLICIT_END);

        // Properties: select the If, a wrong predicate is refused as it is typed, a right one applied.
        robot.interact(() -> editor.view().graph().fit());
        robot.clickOn("#" + WorkflowGraphView.nodeId("[1]"));
        TextField predicate = robot.lookup("#field-ifThens-0-predicate").queryAs(TextField.class);
        robot.interact(() -> predicate.setText("$returnCode =="));
        assertThat(robot.lookup(".field-problem").queryAllAs(Label.class)).anyMatch(l -> l.isVisible() && !l.getText().isEmpty());
        robot.interact(() -> {
            predicate.setText("$returnCode == 0 && $mode != 'dry'");
            predicate.fireEvent(new javafx.event.ActionEvent());
        });
        assertThat(fx(() -> ((Instruction.If) editor.workflow().instruction(Position.of(1)).orThrow()).ifThens().get(0).predicate().source()))
                .isEqualTo("$returnCode == 0 && $mode != 'dry'");
        TextField applied = robot.lookup("#field-ifThens-0-predicate").queryAs(TextField.class); // the pane was built anew
        robot.interact(() -> {
            applied.setText("true");
            applied.fireEvent(new javafx.event.ActionEvent());
        });

        // The job in the try block, its script shown: the screenshot.
        robot.interact(() -> editor.view().graph().fit());
        robot.clickOn("#" + WorkflowGraphView.nodeId(inTry.toString()));
        assertThat(robot.lookup("#propertiesTitle").queryAs(Label.class).getText()).startsWith("Job");
        robot.interact(() -> editor.view().graph().fit());
        Screenshots.write(robot, scene, "designer.png");

        // Simulation: the try's job fails once, then succeeds; the order finishes after the retry delay.
        robot.clickOn("#simulationTab");
        String tryJob = fx(() -> editor.workflow().jobName(inTry).orElseThrow().string());
        TextField outcome = robot.lookup("#outcome-" + tryJob).queryAs(TextField.class);
        robot.interact(() -> outcome.setText("fail:2/ok,takes:5m"));
        robot.clickOn("#simulateRun");
        assertThat(robot.lookup("#simulationSummary").queryAs(Label.class).getText()).startsWith("Finished: finished after 0:06:00");
        assertThat(robot.lookup(".graph-node").queryAll().stream()
                .filter(n -> n.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("sim-visited")))).hasSizeGreaterThan(5);
        robot.interact(() -> editor.view().viewModel().selectedProperty().set(java.util.Optional.empty()));
        Screenshots.write(robot, scene, "designer-simulation.png");

        // The JSON view: the graph's workflow, and an edit there changes the graph.
        robot.clickOn("#jsonTab");
        TextArea json = robot.lookup("#jsonText").queryAs(TextArea.class);
        assertThat(json.getText()).contains("\"TYPE\" : \"Try\"", "\"TYPE\" : \"Retry\"");
        Screenshots.write(robot, scene, "designer-json.png");
        robot.interact(() -> json.setText(json.getText().replace("\"predicate\" : \"true\"", "\"predicate\" : \"$returnCode == 0\"")));
        robot.clickOn("#applyJson");
        assertThat(fx(() -> ((Instruction.If) editor.workflow().instruction(Position.of(1)).orThrow()).ifThens().get(0).predicate().source()))
                .isEqualTo("$returnCode == 0");
        robot.interact(() -> json.setText("{\"path\": \"designed/nightly-etl\", \"instructions\": [ {\"TYPE\":\"Nope\"} ]}"));
        robot.clickOn("#applyJson");
        assertThat(robot.lookup("#jsonProblem").queryAs(Label.class).getText()).contains("Nope");
        robot.clickOn("#graphTab");

        // Save hands the workflow over; deploy it as the CLI does, run an order, see it finish.
        robot.clickOn("#save");
        assertThat(saved).hasSize(1);
        Path file = data.resolve("nightly-etl.workflow.json");
        Files.writeString(file, WorkflowJson.encodeItem(saved.get(0)).toPrettyString());
        assertThat(cli("deploy", file.toString())).contains("Deployed Workflow designed/nightly-etl");
        assertThat(cli("order", "add", "designed/nightly-etl", "--id", "designed-1")).isNotEmpty();
        await("the designed order finished", () -> system.order("designed-1")
                .map(o -> o.state().kind() == OrderState.Kind.FINISHED).orElse(false));

        // A workflow of 200 instructions: a drop relays it out and redraws it (measured, printed; no timed assertion).
        Workflow large = io.jobwerk.cockpit.designer.LargeWorkflows.of(200);
        robot.interact(() -> editor.open(data.resolve("large.workflow.json"), large));
        Position middle = Position.of(large.instructions().size() / 2);
        dragOntoLine(robot, "SLEEP", middle);
        long first = fx(() -> editor.view().lastLayoutNanos());
        List<Long> more = new ArrayList<>(); // undo and redo: ten more relayouts, the least loaded one tells most on a shared machine
        for (int i = 0; i < 5; i++) {
            robot.clickOn("#undo");
            more.add(fx(() -> editor.view().lastLayoutNanos()));
            robot.clickOn("#redo");
            more.add(fx(() -> editor.view().lastLayoutNanos()));
        }
        more.sort(null);
        System.out.printf("designer: %d instructions, graph, ELK layout and redraw: the drop %.0f ms, 10 undo/redo min %.0f ms, median %.0f ms%n",
                io.jobwerk.cockpit.designer.LargeWorkflows.size(fx(editor::workflow)), first / 1e6, more.get(0) / 1e6, more.get(5) / 1e6);
        assertThat(fx(() -> editor.workflow().instruction(middle).orThrow().kind())).isEqualTo(Instruction.Kind.SLEEP);
    }

    private static String cli(String... args) {
        List<String> list = new ArrayList<>(List.of(args));
        list.addAll(List.of("--controller", system.controllerUri(), "--user", DemoSystem.USER + ":" + DemoSystem.PASSWORD));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = JobwerkMain.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(list.toArray(String[]::new));
        assertThat(exit).as(err.toString()).isZero();
        return out.toString();
    }

    private void dragOntoLine(FxRobot robot, String kind, Position at) {
        robot.interact(() -> editor.view().graph().fit());
        if (fx(() -> editor.view().graph().zoomProperty().get()) < 0.4) { // too small to aim at: full size, scrolled there
            Node line = robot.lookup("#" + DesignerView.dropTargetId(at)).query();
            robot.interact(() -> {
                editor.view().graph().setZoom(1);
                editor.view().graph().reveal(line);
            });
        }
        robot.drag("#palette-" + kind, MouseButton.PRIMARY).moveTo(lineMiddle(robot, at)).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> editor.workflow().instruction(at).toOptional().map(i -> i.kind().name()))).as(kind + " at " + at).contains(kind);
    }

    private void dragOntoPlaceholder(FxRobot robot, String kind, Position at) {
        robot.interact(() -> editor.view().graph().fit());
        robot.drag("#palette-" + kind, MouseButton.PRIMARY).moveTo(node(robot, WorkflowGraphView.nodeId(at.toString())))
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> editor.workflow().instruction(at).toOptional().map(i -> i.kind().name()))).as(kind + " at " + at).contains(kind);
    }

    private static Node node(FxRobot robot, String id) {
        return robot.lookup("#" + id).query();
    }

    /** The middle of the longest straight piece of the line that inserts at {@code at}, on the screen (scrolled into view). */
    private Point2D lineMiddle(FxRobot robot, Position at) {
        Polyline line = robot.lookup("#" + DesignerView.dropTargetId(at)).queryAs(Polyline.class);
        return fx(() -> {
            List<Double> p = line.getPoints();
            double best = -1;
            Point2D middle = null;
            for (int i = 0; i + 3 < p.size(); i += 2) {
                double length = Math.abs(p.get(i + 2) - p.get(i)) + Math.abs(p.get(i + 3) - p.get(i + 1));
                if (length > best) {
                    best = length;
                    middle = new Point2D((p.get(i) + p.get(i + 2)) / 2, (p.get(i + 1) + p.get(i + 3)) / 2);
                }
            }
            return line.localToScreen(middle);
        });
    }

    private static <T> T fx(Supplier<T> s) {
        try {
            return WaitForAsyncUtils.asyncFx(s::get).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, Supplier<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Not within " + TIMEOUT + ": " + what);
    }
}
