package io.jobwerk.cockpit.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.live.Snapshots;
import io.jobwerk.engine.json.EngineJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplyEventsTest {

    @Test
    void anOrdersEventsBecomeEventLinesButItsOutputGoesToTheLogOnly() {
        var state = Snapshots.state(Snapshots.order("o", 1, "{\"TYPE\":\"Processing\",\"subagentId\":\"A-1\"}"));
        var batch = List.of(
                EngineJson.parse("{\"eventId\":2,\"timestamp\":1765101600000,\"Key\":\"o\",\"TYPE\":\"OrderStdoutWritten\",\"chunk\":\"hello\\n\"}").orThrow(),
                EngineJson.parse("{\"eventId\":3,\"timestamp\":1765101600001,\"Key\":\"o\",\"TYPE\":\"OrderProcessed\",\"outcome\":{\"TYPE\":\"Succeeded\",\"namedValues\":{\"returnCode\":0}}}").orThrow());
        var update = ControllerConnection.apply(state, batch);
        assertThat(update.problemOption()).isEmpty();
        assertThat(update.orThrow().orderEvents()).extracting(OrderEventLine::type).containsExactly("OrderProcessed");
        assertThat(update.orThrow().orderEvents().get(0).fields()).isEqualTo("outcome={\"TYPE\":\"Succeeded\",\"namedValues\":{\"returnCode\":0}}");
        assertThat(update.orThrow().output()).extracting(OrderOutput::kind).containsExactly(OrderOutput.Kind.STDOUT, OrderOutput.Kind.STEP_ENDED);
    }
}
