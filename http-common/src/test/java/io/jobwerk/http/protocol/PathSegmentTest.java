package io.jobwerk.http.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Checked;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathSegmentTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "plain-id_1.2~x                | plain-id_1.2~x",
            "#2026-11-22#F1-in/file 1.csv  | %232026-11-22%23F1-in%2Ffile%201.csv",
            "a?b=1&c                       | a%3Fb%3D1%26c",
            "100%                          | 100%25",
            "semi;colon+plus               | semi%3Bcolon%2Bplus",
            "Grüße ✓                       | Gr%C3%BC%C3%9Fe%20%E2%9C%93",
            "\"back\\slash|pipe\"          | back%5Cslash%7Cpipe"})
    void encodesAllButUnreservedCharactersAsUtf8(String string, String encoded) {
        assertThat(PathSegment.encode(string)).isEqualTo(encoded);
        assertThat(PathSegment.decode(encoded)).isEqualTo(Checked.ok(string));
    }

    @ParameterizedTest
    @ValueSource(strings = {"#", "?", "/", "%", "%2F", "..", ".", "a b", "ä", "😀", "+", "\\", "a|b", "%%41"})
    void decodeOfEncodeIsTheString(String string) {
        assertThat(PathSegment.decode(PathSegment.encode(string))).isEqualTo(Checked.ok(string));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"a+b | a+b", "%e2%9c%93 | ✓", "a.b | a.b"})
    void plusStaysAPlusAndLowerCaseHexIsAccepted(String segment, String string) {
        assertThat(PathSegment.decode(segment)).isEqualTo(Checked.ok(string));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "a%2", "%zz", "%C3", "%FF%FE"})
    void malformedEscapesAndNonUtf8BytesAreBadRequest(String segment) {
        assertThat(PathSegment.decode(segment).problemOption().orElseThrow().code()).isEqualTo("BadRequest");
    }
}
