package io.jobwerk.engine.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.value.Value;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineJsonTest {

    @Test
    void numbersKeepTheirValueAndArePrintedPlain() {
        String json = "[60,0.1,1.50,6E+1,1e-7,12345678901234567890123,-0.0]";
        Value value = ValueJson.decode(EngineJson.parse(json).orThrow()).orThrow();
        assertThat(((Value.ListValue) value).elements().get(1)).isEqualTo(Value.of(new BigDecimal("0.1")));
        assertThat(EngineJson.print(ValueJson.encode(value).orThrow()))
                .isEqualTo("[60,0.1,1.50,60,0.0000001,12345678901234567890123,0.0]");
    }

    @Test
    void objectKeysKeepTheirOrder() {
        String json = "{\"z\":1,\"a\":{\"y\":null,\"b\":[true,\"s\"]}}";
        Value value = ValueJson.decode(EngineJson.parse(json).orThrow()).orThrow();
        assertThat(EngineJson.print(ValueJson.encode(value).orThrow())).isEqualTo(json);
    }

    @Test
    void syntaxErrorNamesLineAndColumn() {
        Problem problem = EngineJson.parse("{\n  \"a\": 1,\n  \"b\" 2\n}").problemOption().orElseThrow();
        assertThat(problem.code()).isEqualTo(EngineJson.SYNTAX_PROBLEM);
        assertThat(problem.message()).startsWith("JSON syntax error at line 3, column 7: ");
        assertThat(problem.arguments()).containsEntry("line", "3").containsEntry("column", "7");
    }

    @Test
    void bytesAreParsedAsUtf8AndUnreadableBytesAreAProblem() {
        assertThat(EngineJson.print(EngineJson.parse("{\"k\":\"Grüße\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).orThrow()))
                .isEqualTo("{\"k\":\"Grüße\"}");
        // Jackson takes leading NULs for UTF-32, and then fails outside its syntax errors
        for (byte[] bad : List.of(new byte[] {0, 0, 0, 1, 2}, new byte[] {0, 0, 0, '{', 0, 0}, new byte[] {(byte) 0xC3, '{'})) {
            assertThat(EngineJson.parse(bad).problemOption()).hasValueSatisfying(p -> assertThat(p.code()).isEqualTo(EngineJson.SYNTAX_PROBLEM));
        }
    }

    @Test
    void emptyAndTrailingInputAreSyntaxErrors() {
        assertThat(EngineJson.parse("").isFail()).isTrue();
        assertThat(EngineJson.parse("{} {}").isFail()).isTrue();
    }

    @Test
    void missingAndFunctionValuesAreNotEncodable() {
        Problem problem = ValueJson.encode(new Value.ListValue(List.of(Value.of(1), Value.MISSING))).problemOption().orElseThrow();
        assertThat(problem.message()).isEqualTo("A Missing value cannot be written as JSON");
        assertThat(ValueJson.encodeNamedValues(Map.of("x", Value.MISSING)).isFail()).isTrue();
    }

    @Test
    void problemJsonOmitsTheGenericCode() {
        assertThat(EngineJson.print(ProblemJson.encode(Problem.of("boom"))))
                .isEqualTo("{\"TYPE\":\"Problem\",\"message\":\"boom\"}");
        Problem p = Problem.of("UnknownOrder", "Unknown order 'A'", Map.of("orderId", "A"));
        assertThat(ProblemJson.decode(ProblemJson.encode(p)).orThrow()).isEqualTo(p);
    }
}
