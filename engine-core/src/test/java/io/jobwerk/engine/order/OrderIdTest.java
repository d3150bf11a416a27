package io.jobwerk.engine.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OrderIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"A", "#2026-03-29#T0815-daily", "with space", "ümlaut", "a/b:c"})
    void checkedAcceptsAnyTextWithoutPipeAndControlCharacters(String string) {
        assertThat(OrderId.checked(string).orThrow().string()).isEqualTo(string);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "parent|child", "|", "tab\there", "new\nline", "nul\u0000", "del\u007f"})
    void checkedRejectsEmptyPipeAndControlCharacters(String string) {
        assertThat(OrderId.checked(string).problemOption()).hasValueSatisfying(p -> assertThat(p.code()).isEqualTo("InvalidName"));
    }

    @Test
    void checkedRejectsNull() {
        assertThat(OrderId.checked(null).isFail()).isTrue();
    }

    @Test
    void constructorAllowsPipeForChildOrders() {
        assertThat(new OrderId("parent|child").string()).isEqualTo("parent|child");
    }

    @Test
    void constructorRejectsControlCharacters() {
        assertThatThrownBy(() -> new OrderId("a\rb")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void childJoinsParentAndBranchWithPipe() {
        assertThat(new OrderId("P").child("B")).isEqualTo(new OrderId("P|B"));
    }
}
