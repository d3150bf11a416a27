package io.jobwerk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.json.EngineJson;
import org.junit.jupiter.api.Test;

class EventLineTest {

    @Test
    void orderEventShowsTimeKeyTypeAndFields() {
        var e = EngineJson.parse("{\"eventId\":1795366884971000,\"timestamp\":1795366884971,\"Key\":\"A\",\"TYPE\":\"OrderProcessingStarted\","
                + "\"subagentId\":\"agent-1\"}").orThrow();
        assertThat(EventLine.format(e)).isEqualTo("2026-11-22T17:01:24.971Z  A  OrderProcessingStarted  subagentId=agent-1");
    }

    @Test
    void keylessEventTakesItsTimeFromTheEventIdAndQuotesTextWithSpaces() {
        var e = EngineJson.parse("{\"eventId\":1795366884971007,\"TYPE\":\"OrderStdoutWritten\",\"chunk\":\"hello world\\n\"}").orThrow();
        assertThat(EventLine.format(e)).isEqualTo("2026-11-22T17:01:24.971Z  -  OrderStdoutWritten  chunk=\"hello world\\n\"");
    }

    @Test
    void longValuesAreCut() {
        var e = EngineJson.parse("{\"eventId\":1,\"TYPE\":\"X\",\"v\":\"" + "a".repeat(500) + "\"}").orThrow();
        assertThat(EventLine.format(e)).endsWith("v=" + "a".repeat(160) + "…");
    }
}
