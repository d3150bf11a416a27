package io.jobwerk.history.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Problem;
import io.jobwerk.history.OrderQuery;
import io.jobwerk.history.TaskQuery;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HistoryParametersTest {

    private static Map<String, Deque<String>> parameters(String... nameValues) {
        Map<String, Deque<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.computeIfAbsent(nameValues[i], n -> new ArrayDeque<>()).add(nameValues[i + 1]);
        }
        return map;
    }

    @Test
    void noParametersAreTheNewestHundred() {
        assertThat(HistoryParameters.orderQuery(Map.of()).orThrow())
                .isEqualTo(new OrderQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 100, 0));
    }

    @Test
    void everyTaskFilterIsRead() {
        TaskQuery query = HistoryParameters.taskQuery(parameters("orderId", "o#1", "workflowPath", "w", "jobName", "j", "agentPath", "a",
                "from", "2027-01-04T02:30:00+01:00", "to", "2027-01-05", "limit", "10", "offset", "20")).orThrow();
        assertThat(query).isEqualTo(new TaskQuery(Optional.of("o#1"), Optional.of("w"), Optional.of("j"), Optional.of("a"),
                Optional.of(Instant.parse("2027-01-04T01:30:00Z").toEpochMilli()), Optional.of(Instant.parse("2027-01-05T00:00:00Z").toEpochMilli()),
                10, 20));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2027-01-04T02:30:00Z                    | 2027-01-04T02:30:00Z",
            "2027-01-04T02:30:00.5Z                  | 2027-01-04T02:30:00.500Z",
            "2027-01-04T02:30:00 01:00               | 2027-01-04T01:30:00Z",
            "2027-07-04T02:30:00+02:00[Europe/Berlin] | 2027-07-04T00:30:00Z",
            "2027-01-04                              | 2027-01-04T00:00:00Z"})
    void timesAreIsoWithAZoneOrADate(String given, String expected) {
        assertThat(HistoryParameters.orderQuery(parameters("from", given)).orThrow().from())
                .contains(Instant.parse(expected).toEpochMilli());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "from   | yesterday           | must be an ISO-8601 time",
            "to     | 2027-01-04T02:30:00 | must be an ISO-8601 time",
            "limit  | 0                   | must be a whole number from 1 to 10000",
            "limit  | many                | must be a whole number from 1 to 10000",
            "offset | -1                  | must be a whole number from 0 on",
            "jobName | j                  | Unknown parameter 'jobName'"})
    void aBadParameterIsAProblemNamingIt(String name, String value, String message) {
        Problem problem = HistoryParameters.orderQuery(parameters(name, value)).problemOption().orElseThrow();
        assertThat(problem.code()).isEqualTo("InvalidParameter");
        assertThat(problem.message()).contains("'" + name + "'").contains(message);
        assertThat(problem.arguments()).containsEntry("parameter", name);
    }

    @Test
    void aParameterGivenTwiceIsRefused() {
        assertThat(HistoryParameters.taskQuery(parameters("orderId", "a", "orderId", "b")).problemOption().orElseThrow().message())
                .isEqualTo("Parameter 'orderId' is given 2 times");
    }
}
