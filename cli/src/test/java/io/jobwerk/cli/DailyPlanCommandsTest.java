package io.jobwerk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.client.EngineClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daily plan on a real Controller and Agent: calendars and schedules deployed from JOC-style
 * files, then planned, submitted, cancelled and deleted with {@code jobwerk plan}, read with
 * {@code GET /controller/api/plan}; and the daily run when the Controller starts.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DailyPlanCommandsTest {

    private static final String USER = "planner:planner-pass";

    @TempDir
    Path data;

    private Standalone start(Path dir) throws Exception {
        UserAccount user = new UserOption().convert(USER);
        return Standalone.start(dir, 0, List.of(user), false).orThrow();
    }

    private Path items(String scheduleJson) throws Exception {
        Path dir = Files.createDirectories(data.resolve("items"));
        // as JOC exports them: the kind of calendar in "type", the name from the file
        Files.writeString(dir.resolve("every-day.calendar.json"), """
                {"type":"WORKINGDAYSCALENDAR","includes":{"weekdays":[{"days":[0,1,2,3,4,5,6]}]}}""");
        Files.writeString(dir.resolve("holidays.calendar.json"), """
                {"type":"NONWORKINGDAYSCALENDAR","includes":{"dates":["2099-12-25"]}}""");
        Files.writeString(dir.resolve("plan-test.schedule.json"), scheduleJson);
        return dir;
    }

    @Test
    void createSubmitCancelDeleteAndShow() throws Exception {
        try (Standalone standalone = start(data.resolve("a"))) {
            Cli cli = new Cli(standalone.controllerUri(), USER);
            assertThat(cli.client("deploy", ClientCommandsTest.DEMO_WORKFLOWS.toString()).exitCode()).isZero();
            Cli.Result deployed = cli.client("deploy", items("""
                    {"workflowNames":["demo/hello"],"nonWorkingDayCalendars":["holidays"],
                     "calendars":[{"calendarName":"every-day","timeZone":"Europe/Berlin",
                       "periods":[{"singleStart":"06:00:00"},{"begin":"10:00","end":"11:00","repeat":"00:30:00"}]}],
                     "planOrderAutomatically":false,"submitOrderToControllerWhenPlanned":false}""").toString());
            assertThat(deployed.exitCode()).as(deployed.err()).isZero();
            String day = LocalDate.now(ZoneOffset.UTC).plusDays(20).toString();

            Cli.Result created = cli.client("plan", "create", day);
            assertThat(created.exitCode()).as(created.err()).isZero();
            assertThat(created.out()).endsWith("4 orders planned" + System.lineSeparator())
                    .contains("#" + day + "#P").contains("#" + day + "#C");
            assertThat(cli.client("plan", "create", day).out()).isEqualTo("0 orders planned" + System.lineSeparator());

            JsonNode plan = get(standalone, "/controller/api/plan?date=" + day);
            assertThat(plan.path("date").asText()).isEqualTo(day);
            assertThat(plan.path("orders")).hasSize(4);
            JsonNode first = plan.path("orders").get(0);
            assertThat(first.path("orderId").asText()).matches("#" + day + "#P\\d{10}-plan-test");
            assertThat(first.path("workflowPath").asText()).isEqualTo("demo/hello");
            assertThat(first.path("scheduledFor").asText()).isEqualTo(
                    LocalDate.parse(day).atTime(6, 0).atZone(java.time.ZoneId.of("Europe/Berlin")).toInstant().toString());
            assertThat(first.path("state").asText()).isEqualTo("planned");

            assertThat(cli.client("plan", "submit", day).out()).endsWith("4 orders submitted" + System.lineSeparator());
            String id = first.path("orderId").asText();
            assertThat(standalone.controller.keeper().state().orders().get(new OrderId(id)).state().kind()).isEqualTo(OrderState.Kind.FRESH);
            Cli.Result shown = cli.client("plan", "show", day);
            assertThat(shown.out()).contains(id).contains("submitted").endsWith("4 orders planned for " + day + System.lineSeparator());

            assertThat(cli.client("plan", "cancel", day).out()).endsWith("4 orders cancelled" + System.lineSeparator());
            ClientCommandsTest.await(() -> standalone.controller.keeper().state().orders().get(new OrderId(id)).state().kind()
                    == OrderState.Kind.CANCELLED, id + " cancelled");
            assertThat(get(standalone, "/controller/api/plan?date=" + day).path("orders").findValuesAsText("state")).containsOnly("planned");

            assertThat(cli.client("plan", "delete", day).out()).endsWith("4 orders deleted" + System.lineSeparator());
            assertThat(get(standalone, "/controller/api/plan?date=" + day).path("orders")).isEmpty();
            assertThat(cli.client("plan", "create", day).out()).as("deleted orders are not re-created")
                    .isEqualTo("0 orders planned" + System.lineSeparator());

            // bad input: one line on the CLI, a 400 problem naming the parameter over HTTP
            Cli.Result bad = cli.client("plan", "show", "2027-13-01");
            assertThat(bad.exitCode()).isEqualTo(2);
            assertThat(bad.err().lines()).first().asString().contains("2027-13-01");
            HttpResponse<String> badDate = raw(standalone, "/controller/api/plan?date=tomorrow");
            assertThat(badDate.statusCode()).isEqualTo(400);
            assertThat(badDate.body()).contains("InvalidParameter").contains("'date'");
            Cli.Result backwards = cli.client("plan", "create", day, "2020-01-01");
            assertThat(backwards.exitCode()).isEqualTo(1);
            assertThat(backwards.err()).contains("dateTo 2020-01-01 lies before dateFrom " + day);
            JsonNode projections = get(standalone, "/controller/api/plan/projections?from=" + day + "&to=" + LocalDate.parse(day).plusDays(1));
            assertThat(projections.path("orders")).hasSize(8);
        }
    }

    @Test
    void theDailyRunPlansAndSubmitsTheDaysAheadWhenTheControllerStarts() throws Exception {
        Path dir = data.resolve("b");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        try (Standalone standalone = start(dir)) {
            Cli cli = new Cli(standalone.controllerUri(), USER);
            assertThat(cli.client("deploy", ClientCommandsTest.DEMO_WORKFLOWS.toString()).exitCode()).isZero();
            assertThat(cli.client("deploy", items("""
                    {"workflowNames":["demo/hello"],
                     "calendars":[{"calendarName":"every-day","timeZone":"UTC","periods":[{"singleStart":"00:00:00"}]}],
                     "planOrderAutomatically":true,"submitOrderToControllerWhenPlanned":true}""").toString()).exitCode()).isZero();
        }
        try (Standalone standalone = start(dir)) {
            Cli cli = new Cli(standalone.controllerUri(), USER);
            // today's start (midnight) lies in the past: submitted, it runs at once and finishes
            ClientCommandsTest.await(() -> state(standalone, today).equals(List.of("finished")), "today's planned order finished");
            assertThat(state(standalone, LocalDate.parse(today).plusDays(2).toString())).containsExactly("submitted");
            assertThat(state(standalone, LocalDate.parse(today).plusDays(3).toString())).containsExactly("planned");
            assertThat(state(standalone, LocalDate.parse(today).plusDays(6).toString())).containsExactly("planned");
            assertThat(state(standalone, LocalDate.parse(today).plusDays(7).toString())).isEmpty();
            String id = get(standalone, "/controller/api/plan?date=" + today).path("orders").get(0).path("orderId").asText();
            Cli.Result history = cli.client("history", "orders", "--json");
            assertThat(history.out()).contains(id).contains("OrderFinished");
        }
    }

    private static List<String> state(Standalone standalone, String date) {
        try {
            return get(standalone, "/controller/api/plan?date=" + date).path("orders").findValuesAsText("state");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode get(Standalone standalone, String path) throws Exception {
        HttpResponse<String> response = raw(standalone, path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return EngineJson.parse(response.body()).orThrow();
    }

    private static HttpResponse<String> raw(Standalone standalone, String path) throws Exception {
        String base = standalone.controllerUri();
        try (EngineClient client = new EngineClient(base + "/controller/api", USER.split(":")[0], USER.split(":")[1])) {
            String session = client.login().orThrow();
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("x-js7-session", session).GET().build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
