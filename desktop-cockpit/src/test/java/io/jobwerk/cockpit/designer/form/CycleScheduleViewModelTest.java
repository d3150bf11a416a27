package io.jobwerk.cockpit.designer.form;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.TimeJson;
import io.jobwerk.engine.time.Schedule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CycleScheduleViewModelTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final String WORKDAYS = "{\"periods\":[{\"TYPE\":\"DailyPeriod\",\"secondOfDay\":28800,\"duration\":36000}]}";

    private static Schedule schedule(String json) {
        return TimeJson.decodeSchedule(EngineJson.parse(json).orThrow()).orThrow();
    }

    private static String scheme(String admission, String repeat) {
        return "{\"admissionTimeScheme\":" + admission + ",\"repeat\":" + repeat + "}";
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"TYPE\":\"Periodic\",\"period\":3600,\"offsets\":[600,1800]}",
        "{\"TYPE\":\"Ticking\",\"interval\":900}",
        "{\"TYPE\":\"Continuous\",\"pause\":60,\"limit\":3}",
        "{\"TYPE\":\"Continuous\",\"pause\":0}",
    })
    void scheduleRoundTripsThroughTheForm(String repeat) {
        String json = "{\"schemes\":[" + scheme(WORKDAYS, repeat) + "]}";
        CycleScheduleViewModel form = new CycleScheduleViewModel(schedule(json));

        assertThat(TimeJson.encode(form.schedule().orThrow()).toString()).isEqualTo(json);
        assertThat(form.problemProperty().get()).isEmpty();
    }

    @Test
    void switchingTheRepeatKindKeepsTheOtherFields() {
        CycleScheduleViewModel form = new CycleScheduleViewModel(schedule(
                "{\"schemes\":[" + scheme(WORKDAYS, "{\"TYPE\":\"Ticking\",\"interval\":900}") + "]}"));
        CycleSchemeForm scheme = form.schemes().get(0);

        scheme.repeatProperty().set(RepeatKind.CONTINUOUS);
        scheme.limitProperty().set("5");
        scheme.repeatProperty().set(RepeatKind.TICKING);

        assertThat(TimeJson.encode(form.schedule().orThrow()).toString()).contains("\"interval\":900");
    }

    @Test
    void invalidInputNamesSchemeAndField() {
        CycleScheduleViewModel form = new CycleScheduleViewModel(new Schedule(List.of()));
        assertThat(form.schedule().isFail()).isTrue();
        assertThat(form.problemProperty().get()).isEqualTo("Schedule: needs at least one scheme");

        CycleSchemeForm scheme = form.addScheme();
        scheme.offsetsProperty().set("10m, 75m");
        assertThat(form.schedule().isFail()).isTrue();
        assertThat(form.problemProperty().get()).isEqualTo("Scheme 1, offsets: each offset must be shorter than the period 1h");

        scheme.repeatProperty().set(RepeatKind.CONTINUOUS);
        scheme.limitProperty().set("many");
        form.schedule();
        assertThat(form.problemProperty().get())
                .isEqualTo("Scheme 1, limit: 'many' is not a number of cycles (1 or more, empty for no limit)");

        scheme.limitProperty().set("");
        scheme.admission().rows().get(0).beginProperty().set("8.00");
        form.schedule();
        assertThat(form.problemProperty().get()).isEqualTo("Scheme 1, period 1, begin: '8.00' is not a time of day (HH:MM)");
    }

    @Test
    void previewListsTheEngineSNextStartsFromTheGivenNow() {
        Schedule periodic = schedule("{\"schemes\":[" + scheme(WORKDAYS, "{\"TYPE\":\"Periodic\",\"period\":3600,\"offsets\":[600,1800]}") + "]}");

        assertThat(CycleScheduleViewModel.preview(periodic, Instant.parse("2026-01-14T06:00:00Z"), UTC, false, 4)).containsExactly(
                Instant.parse("2026-01-14T08:10:00Z"), Instant.parse("2026-01-14T08:30:00Z"),
                Instant.parse("2026-01-14T09:10:00Z"), Instant.parse("2026-01-14T09:30:00Z"));
    }

    @Test
    void previewOfALimitedContinuousCycleEndsAtItsLimit() {
        Schedule continuous = schedule("{\"schemes\":[" + scheme(WORKDAYS, "{\"TYPE\":\"Continuous\",\"pause\":60,\"limit\":3}") + "]}");

        assertThat(CycleScheduleViewModel.preview(continuous, Instant.parse("2026-01-14T09:00:00Z"), UTC, false, 5)).containsExactly(
                Instant.parse("2026-01-14T09:00:00Z"), Instant.parse("2026-01-14T09:01:00Z"), Instant.parse("2026-01-14T09:02:00Z"));
    }
}
