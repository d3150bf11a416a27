package io.jobwerk.cockpit.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.OrderJson;
import io.jobwerk.engine.order.HistoryOperation;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.Outcome;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.workflow.Position;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ChangedVariablesTest {

    @Test
    void numbersBooleansAndStringsAsTyped() {
        assertThat(ChangedVariables.parse(" rows=1200, region = eu ,dryRun=true, note='a, b', empty=").orThrow().values()).isEqualTo(Map.of(
                "rows", Value.of(new BigDecimal(1200)), "region", Value.of("eu"), "dryRun", Value.of(true),
                "note", Value.of("a, b"), "empty", Value.of("")));
    }

    @Test
    void emptyTextChangesNothing() {
        assertThat(ChangedVariables.parse("  ").orThrow().isEmpty()).isTrue();
        assertThat(ChangedVariables.parse(null).orThrow().isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "rows|Variables: 'rows' is not name=value (e.g. rows=1200, region='eu')",
            "rows=1, 2x=3|Variables: '2x' is not a variable name",
            "a b=1|Variables: 'a b' is not a variable name"})
    void aPartThatIsNoAssignmentIsNamed(String text, String problem) {
        assertThat(ChangedVariables.parse(text).problemOption().orElseThrow().message()).isEqualTo(problem);
    }

    private static Order order(String historicOutcomes) {
        return OrderJson.decode(EngineJson.parse("{\"id\":\"o\",\"workflowPosition\":{\"workflowId\":{\"path\":\"W\",\"versionId\":\"1\"},"
                + "\"position\":[1]},\"state\":{\"TYPE\":\"Failed\"}" + historicOutcomes + "}").orThrow()).orThrow();
    }

    @Test
    void insertedBeforeTheLastOutcomeSoAsSucceededStillRewritesIt() {
        Order failed = order(",\"historicOutcomes\":[{\"position\":[0],\"outcome\":{\"TYPE\":\"Succeeded\"}},"
                + "{\"position\":[1],\"outcome\":{\"TYPE\":\"Failed\",\"namedValues\":{\"returnCode\":3}}}]");
        ChangedVariables rows = ChangedVariables.parse("rows=5").orThrow();
        assertThat(rows.historyOperations(failed)).containsExactly(new HistoryOperation.Insert(Position.of(1), Position.of(1),
                new Outcome.Succeeded(Map.of("rows", Value.of(5)))));
    }

    @Test
    void appendedWhenTheOrderHasNoOutcomeYet() {
        assertThat(ChangedVariables.parse("rows=5").orThrow().historyOperations(order(""))).containsExactly(
                new HistoryOperation.Append(Position.of(1), new Outcome.Succeeded(Map.of("rows", Value.of(5)))));
        assertThat(new ChangedVariables(Map.of()).historyOperations(order(""))).isEqualTo(List.of());
    }
}
