package io.jobwerk.engine.value.expression;

import static io.jobwerk.engine.value.expression.Evaluation.list;
import static io.jobwerk.engine.value.expression.Evaluation.num;
import static io.jobwerk.engine.value.expression.Evaluation.object;
import static io.jobwerk.engine.value.expression.Evaluation.problem;
import static io.jobwerk.engine.value.expression.Evaluation.str;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.value.Value;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ValueConversionsTest {

    @Test
    void strictConversionsAcceptTheirType() {
        assertThat(ValueConversions.asBoolean(Value.TRUE)).isEqualTo(Checked.ok(true));
        assertThat(ValueConversions.asNumber(num("1.5"))).isEqualTo(Checked.ok(new BigDecimal("1.5")));
        assertThat(ValueConversions.asString(str("x"))).isEqualTo(Checked.ok("x"));
    }

    @Test
    void strictConversionsNameTheActualType() {
        Problem p = problem(ValueConversions.asBoolean(str("true")));
        assertThat(p.code()).isEqualTo("WrongValueType");
        assertThat(p.message()).isEqualTo("Expected a Boolean value, not String 'true'");
        assertThat(p.arguments()).containsEntry("expected", "Boolean").containsEntry("actual", "String");
        assertThat(problem(ValueConversions.asNumber(str("1"))).message()).isEqualTo("Expected a Number value, not String '1'");
        assertThat(problem(ValueConversions.asString(num("1"))).message()).isEqualTo("Expected a String value, not Number 1");
        assertThat(problem(ValueConversions.asString(Value.MISSING)).message()).isEqualTo("Expected a String value, not Missing");
    }

    @Test
    void convertToStringAcceptsScalars() {
        assertThat(ValueConversions.convertToString(num("1E+3"))).isEqualTo(Checked.ok("1000"));
        assertThat(ValueConversions.convertToString(Value.FALSE)).isEqualTo(Checked.ok("false"));
        assertThat(ValueConversions.convertToString(list()).isFail()).isTrue();
        assertThat(ValueConversions.convertToString(Value.NULL).isFail()).isTrue();
    }

    @Test
    void toStringValueNeverFails() {
        assertThat(ValueConversions.toStringValue(num("0.10"))).isEqualTo("0.10");
        assertThat(ValueConversions.toStringValue(Value.TRUE)).isEqualTo("true");
        assertThat(ValueConversions.toStringValue(list(num("1"), str("a")))).isEqualTo("[1, a]");
        assertThat(ValueConversions.toStringValue(object("a", num("1")))).isEqualTo("{a: 1}");
        assertThat(ValueConversions.toStringValue(Value.NULL)).isEqualTo("null");
        assertThat(ValueConversions.toStringValue(Value.MISSING)).isEqualTo("");
    }
}
