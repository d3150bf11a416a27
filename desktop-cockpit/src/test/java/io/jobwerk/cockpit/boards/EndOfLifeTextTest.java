package io.jobwerk.cockpit.boards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndOfLifeTextTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z"); // 11:00 in Berlin
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @ParameterizedTest
    @CsvSource({
            "'+30m', 2026-12-07T10:30:00Z",
            "'+ 2h', 2026-12-07T12:00:00Z",
            "'+1d', 2026-12-08T10:00:00Z",
            "'18:00', 2026-12-07T17:00:00Z",
            "'9:00 ', ",
            "'2026-12-08 06:00', 2026-12-08T05:00:00Z",
            "'', ",
    })
    void readsATimeFromNowTodayOrADateInTheOperatorsZone(String text, String expected) {
        var parsed = EndOfLifeText.parse(text, NOW, BERLIN);
        if (text.isBlank()) {
            assertThat(parsed.orThrow()).isEmpty();
        } else if (expected == null) {
            assertThat(parsed.problemOption().orElseThrow().message()).isEqualTo("End of life '9:00' is past: the notice would be deleted at once");
        } else {
            assertThat(parsed.orThrow()).isEqualTo(Optional.of(Instant.parse(expected)));
        }
    }

    @ParameterizedTest
    @CsvSource({"tomorrow", "+5w", "25:00", "2026-13-01 06:00"})
    void namesWhatIsNoTime(String text) {
        assertThat(EndOfLifeText.parse(text, NOW, BERLIN).problemOption().orElseThrow().message())
                .startsWith("End of life '" + text + "': give");
    }
}
