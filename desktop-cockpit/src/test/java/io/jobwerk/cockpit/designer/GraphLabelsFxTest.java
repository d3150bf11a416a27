package io.jobwerk.cockpit.designer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.graph.WorkflowGraph;
import io.jobwerk.cockpit.ui.Theme;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.WorkflowJson;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The designer's boxes are as wide as their titles need (up to a limit), so "End ConsumeNotices" is not cut to "End Con…". */
@ExtendWith(ApplicationExtension.class)
class GraphLabelsFxTest {

    private static final String LONG = "extract-the-orders-of-yesterday";
    private static final String TOO_LONG = "a-job-with-a-name-that-nobody-can-read-in-one-glance-at-the-graph";

    private static final String WORKFLOW = """
            {"TYPE":"Workflow","path":"labels","versionId":"draft",
             "instructions":[
               {"TYPE":"ConsumeNotices","boardPaths":"'east'","subworkflow":{"instructions":[{"TYPE":"Execute.Named","jobName":"%s"}]}},
               {"TYPE":"StickySubagent","agentPath":"agent","subworkflow":{"instructions":[{"TYPE":"Execute.Named","jobName":"%s"}]}}],
             "jobs":{"%s":{"agentPath":"agent","executable":{"TYPE":"ShellScriptExecutable","script":"echo"}},
                     "%s":{"agentPath":"agent","executable":{"TYPE":"ShellScriptExecutable","script":"echo"}}}}"""
            .formatted(LONG, TOO_LONG, LONG, TOO_LONG);

    private Scene scene;

    @Start
    void start(Stage stage) {
        DesignerView view = new DesignerView(new DesignerViewModel(WorkflowJson.decode(EngineJson.parse(WORKFLOW).orThrow()).orThrow()));
        scene = new Scene(view, 1440, 900);
        Theme.LIGHT.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void titlesUnderTheLimitAreShownWholeAndLongerOnesCut(FxRobot robot) throws Exception {
        List<Region> boxes = robot.lookup(".graph-node").queryAllAs(Region.class).stream().toList();
        List<String> shown = boxes.stream().map(b -> robot.from(b).lookup(".node-title").queryAs(Text.class).getText()).toList();

        assertThat(shown).contains("End ConsumeNotices", "End StickySubagent", "ConsumeNotices", "StickySubagent", LONG);
        assertThat(shown).filteredOn(t -> t.endsWith("…")).singleElement().satisfies(t -> assertThat(TOO_LONG).startsWith(t.substring(0, t.length() - 1)));
        for (Region box : boxes) { // the text fits its box
            Text title = robot.from(box).lookup(".node-title").queryAs(Text.class);
            WorkflowGraph.Node node = (WorkflowGraph.Node) box.getUserData();
            assertThat(title.getBoundsInLocal().getWidth() + 40).as(node.title()).isLessThanOrEqualTo(box.getWidth() + 1);
        }
        assertThat(io.jobwerk.cockpit.Screenshots.writeToTarget(robot, scene, "graph-labels.png")).exists();
    }
}
