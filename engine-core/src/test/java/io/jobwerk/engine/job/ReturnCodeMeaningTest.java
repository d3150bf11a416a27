package io.jobwerk.engine.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobwerk.engine.job.ReturnCodeMeaning.Range;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReturnCodeMeaningTest {

    @Test
    void rangesAreParsedFromJs7Notation() {
        assertThat(ReturnCodeMeaning.parseRanges("0,3..5,7").orThrow())
                .containsExactly(new Range(0, 0), new Range(3, 5), new Range(7, 7));
    }

    @Test
    void whitespaceAroundItemsIsAllowed() {
        assertThat(ReturnCodeMeaning.parseRanges(" 0 , 3 .. 5 ").orThrow()).containsExactly(new Range(0, 0), new Range(3, 5));
    }

    @Test
    void blankStringIsNoRange() {
        assertThat(ReturnCodeMeaning.parseRanges(" ").orThrow()).isEmpty();
    }

    @Test
    void rangesStringIsTheNotationAgain() {
        assertThat(ReturnCodeMeaning.success(ReturnCodeMeaning.parseRanges("0,3..5,7").orThrow()).rangesString())
                .isEqualTo("0,3..5,7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "1..", "..2", "5..3", "0,,1", "1.2", "0,", ",0", "1...3"})
    void badRangesAreAProblem(String string) {
        assertThat(ReturnCodeMeaning.parseRanges(string).problemOption())
                .hasValueSatisfying(p -> assertThat(p.code()).isEqualTo("InvalidReturnCodes"));
    }

    @Test
    void emptyRangeIsRejected() {
        assertThatThrownBy(() -> new Range(2, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"0, true", "1, false", "3, true", "4, true", "5, true", "6, false", "7, true", "-1, false"})
    void successListNamesTheSuccessfulCodes(int code, boolean success) {
        ReturnCodeMeaning meaning = ReturnCodeMeaning.success(ReturnCodeMeaning.parseRanges("0,3..5,7").orThrow());

        assertThat(meaning.isSuccess(code)).isEqualTo(success);
    }

    @ParameterizedTest
    @CsvSource({"0, true", "1, false", "2, false", "3, true", "255, true"})
    void failureListNamesTheFailingCodes(int code, boolean success) {
        ReturnCodeMeaning meaning = ReturnCodeMeaning.failure(List.of(new Range(1, 2)));

        assertThat(meaning.isSuccess(code)).isEqualTo(success);
    }

    @Test
    void defaultMeansOnlyZeroSucceeds() {
        assertThat(ReturnCodeMeaning.DEFAULT.isSuccess(0)).isTrue();
        assertThat(ReturnCodeMeaning.DEFAULT.isSuccess(1)).isFalse();
    }
}
