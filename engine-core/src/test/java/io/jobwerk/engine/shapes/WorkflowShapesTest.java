package io.jobwerk.engine.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.json.EngineJson;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkflowShapesTest {

    @Test
    void systematicCasesAreSeveralHundredWithUniqueSafeNames() {
        List<Shape> shapes = WorkflowShapes.systematic();
        assertThat(shapes.size()).isGreaterThan(300);
        Set<String> names = new HashSet<>();
        for (Shape s : shapes) {
            assertThat(s.name()).matches("[a-z0-9-]+");
            assertThat(names.add(s.name())).as(s.name()).isTrue();
        }
    }

    @Test
    void everyShapeDecodesWithTheEngineCodec() {
        for (Shape s : WorkflowShapes.all(200)) {
            assertThat(s.decodedWorkflows()).as(s.name()).hasSize(s.workflows().size());
            assertThat(s.decodedSimpleItems()).as(s.name()).hasSize(s.simpleItems().size());
        }
    }

    @Test
    void theSameSeedGivesTheSameShape() {
        for (long seed = 1; seed <= 50; seed++) {
            assertThat(EngineJson.print(WorkflowShapes.generate(seed).toJson()))
                    .isEqualTo(EngineJson.print(WorkflowShapes.generate(seed).toJson()));
        }
    }

    @Test
    void aShapeSurvivesItsJson() {
        for (Shape s : WorkflowShapes.all(20)) {
            assertThat(EngineJson.print(Shape.fromJson(s.toJson()).toJson())).isEqualTo(EngineJson.print(s.toJson()));
        }
    }

    @Test
    void reactionPositionsAreResolvedFromLabels() {
        Shape s = WorkflowShapes.systematic().stream().filter(x -> x.name().equals("op-resume-failed-at-next--in-fork"))
                .findFirst().orElseThrow();
        assertThat(EngineJson.print(s.reactions().get(0).command().get("position"))).isEqualTo("[0,\"fork+A\",1]");
    }
}
