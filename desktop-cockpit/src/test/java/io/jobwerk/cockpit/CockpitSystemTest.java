package io.jobwerk.cockpit;

import static io.jobwerk.cockpit.FxWait.select;
import static io.jobwerk.cockpit.FxWait.onFx;
import static io.jobwerk.cockpit.FxWait.awaitFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.history.HistoryEntry;
import io.jobwerk.cockpit.live.OrderRow;
import io.jobwerk.cockpit.log.LineKind;
import io.jobwerk.cockpit.log.LogLine;
import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.main.Page;
import io.jobwerk.engine.order.OrderState;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Cockpit's views, headless (Monocle), against a real standalone Controller + Agent started here:
 * connect, see orders in every state group live, see a new order run, cancel and kill a running one,
 * the workflow graph, the Agents; writes the screenshots from this real data.
 */
@ExtendWith(ApplicationExtension.class)
class CockpitSystemTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final DemoSystemExtension demo = DemoSystemExtension.withOrders();
    static DemoSystem system; // set by demo
    static final List<String> confirmations = new ArrayList<>();

    private Cockpit cockpit;

    @Start
    void start(Stage stage) {
        cockpit = demo.connect(DemoSystem.USER, DemoSystem.PASSWORD, conf -> new Cockpit(conf, Clock.systemUTC(), ZoneId.of("Europe/Berlin"),
                question -> {
                    confirmations.add(question);
                    return true;
                }));
        cockpit.show(stage);
    }

    @Test
    void showsTheLiveSystemRunsAndCancelsOrdersAndWritesScreenshots(FxRobot robot) throws Exception {
        awaitFx("every state group but one filled", () -> {
            var counts = cockpit.live().countsProperty().get();
            return cockpit.live().connectionProperty().get().isConnected()
                    && counts.count(StateGroup.RUNNING) >= 3 && counts.count(StateGroup.WAITING) >= 2
                    && counts.count(StateGroup.PROMPTING) == 1 && counts.count(StateGroup.FAILED) == 1
                    && counts.count(StateGroup.FINISHED) >= 3 && counts.count(StateGroup.SCHEDULED) == 2
                    && counts.count(StateGroup.SUSPENDED) == 1 && counts.count(StateGroup.BLOCKED) == 1;
        });
        assertThat(robot.lookup("#connectionState").queryAs(Label.class).getText()).contains("connected since");
        assertThat(robot.lookup("#tile-RUNNING .count").queryAs(Label.class).getText()).isEqualTo(
                Integer.toString(cockpit.live().countsProperty().get().count(StateGroup.RUNNING)));
        Screenshots.write(robot, cockpit.scene(), "dashboard.png");

        // A new order runs live: it appears and finishes without any refresh.
        system.addOrder("hello-live", "demo/hello", Optional.empty());
        awaitFx("hello-live finished", () -> cockpit.live().row("hello-live").map(r -> r.group() == StateGroup.FINISHED).orElse(false));

        // A number opens its filtered view.
        robot.clickOn("#tile-WAITING");
        assertThat(cockpit.viewModel().pageProperty().get()).isEqualTo(Page.ORDERS);
        TableView<OrderRow> table = robot.lookup("#orders").queryTableView();
        awaitFx("the waiting orders listed", () -> table.getItems().size() >= 2
                && table.getItems().stream().allMatch(r -> r.group() == StateGroup.WAITING));
        robot.clickOn("#groupFilter");
        robot.clickOn("All states");
        awaitFx("all orders listed", () -> table.getItems().size() == cockpit.live().orders().size());
        select(robot, table, "report-noon");
        awaitFx("its detail says why it waits", () -> cockpit.viewModel().orders().detailProperty().get()
                .map(r -> r.whyText().contains("Waits for lock report-lock, held by report-morning")).orElse(false));
        Screenshots.write(robot, cockpit.scene(), "orders.png");

        // Cancel and kill a running order, confirmed with its name.
        select(robot, table, "etl-2026-12-07-1");
        robot.clickOn("#cancelAndKill");
        assertThat(confirmations).last().asString().contains("etl-2026-12-07-1").contains("kill");
        awaitFx("etl-2026-12-07-1 cancelled", () -> cockpit.live().row("etl-2026-12-07-1").map(r -> r.group() == StateGroup.FINISHED).orElse(false));
        assertThat(system.order("etl-2026-12-07-1").map(o -> o.state().kind())).contains(OrderState.Kind.CANCELLED);

        // The workflow graph with live counts.
        robot.interact(() -> cockpit.viewModel().showWorkflow("ops/nightly-etl"));
        awaitFx("the graph is drawn", () -> robot.lookup("#node-0").tryQuery().isPresent() && robot.lookup(".graph-badge").tryQuery().isPresent());
        Screenshots.write(robot, cockpit.scene(), "workflow-graph.png");

        // Suspend and resume the workflow (asked first, naming it); skip its labelled first instruction, then not.
        robot.clickOn("#workflowSuspend");
        assertThat(confirmations).last().asString().startsWith("Suspend workflow ops/nightly-etl?");
        awaitFx("ops/nightly-etl suspended", () -> cockpit.live().workflows().stream().anyMatch(w -> w.path().equals("ops/nightly-etl") && w.suspended()));
        robot.clickOn("#workflowSuspend");
        awaitFx("ops/nightly-etl resumed", () -> cockpit.live().workflows().stream().noneMatch(w -> w.path().equals("ops/nightly-etl") && w.suspended()));
        robot.clickOn("#node-0");
        robot.clickOn("#instructionSkip");
        awaitFx("extract skipped", () -> cockpit.viewModel().workflows().control().skippedProperty().get()
                && robot.lookup("#node-0").query().getStyleClass().contains("skipped"));
        robot.clickOn("#instructionSkip");
        awaitFx("extract not skipped", () -> !cockpit.viewModel().workflows().control().skippedProperty().get());

        // Add an order through the form of ops/daily-report's declared parameters: checked before it is sent.
        robot.interact(() -> cockpit.viewModel().showWorkflow("ops/daily-report"));
        awaitFx("ops/daily-report shown", () -> cockpit.viewModel().workflows().workflowProperty().get().isPresent()
                && cockpit.viewModel().workflows().workflowProperty().get().get().path().string().equals("ops/daily-report"));
        robot.clickOn("#workflowAddOrder");
        robot.interact(() -> robot.lookup("#addOrderId").queryTextInputControl().setText("report-from-form"));
        robot.clickOn("#addOrderParameter-rows").write("lots");
        robot.clickOn("OK");
        assertThat(robot.lookup("#addOrderProblems").queryLabeled().getText()).isEqualTo("rows: 'lots' is not a number");
        robot.interact(() -> robot.lookup("#addOrderParameter-rows").queryTextInputControl().setText("250"));
        robot.clickOn("OK");
        awaitFx("the order from the form at the Controller", () -> cockpit.live().row("report-from-form").isPresent());
        assertThat(system.order("report-from-form").map(o -> o.arguments().get("rows").toString())).hasValueSatisfying(v -> assertThat(v).contains("250"));

        robot.interact(() -> cockpit.viewModel().show(Page.AGENTS));
        Screenshots.write(robot, cockpit.scene(), "agents.png");

        // Ctrl+K finds the prompting order; answering its prompt lets it run to its end.
        robot.push(KeyCode.SHORTCUT, KeyCode.K);
        robot.write("approve-rel");
        awaitFx("the quick search finds it", () -> !cockpit.viewModel().search().hits().isEmpty());
        robot.push(KeyCode.ENTER);
        awaitFx("the order is selected", () -> cockpit.viewModel().orders().detailProperty().get()
                .map(r -> r.orderId().equals("approve-release-42")).orElse(false));
        robot.clickOn("#answerPrompt");
        awaitFx("approve-release-42 finished", () -> cockpit.live().row("approve-release-42").map(r -> r.group() == StateGroup.FINISHED).orElse(false));

        // ? shows the shortcuts, Escape closes them.
        robot.clickOn("#orders");
        robot.push(KeyCode.SHIFT, KeyCode.SLASH);
        assertThat(robot.lookup("#cheatSheet").tryQuery()).isPresent();
        robot.push(KeyCode.ESCAPE);
        assertThat(robot.lookup("#cheatSheet").tryQuery()).isEmpty();

        robot.interact(() -> {
            cockpit.viewModel().show(Page.DASHBOARD);
            cockpit.viewModel().toggleTheme();
        });
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.write(robot, cockpit.scene(), "dashboard-dark.png");
    }

    @Test
    void tailsAnOrdersLogLiveAndSearchesIt(FxRobot robot) throws Exception {
        awaitFx("connected", () -> cockpit.live().connectionProperty().get().isConnected());
        system.addOrder("daily-report-2026-12-07", "ops/daily-report", Optional.empty(), "{\"region\":\"eu+us\",\"rows\":1200}");
        system.addOrder("ticker-1", "ops/ticker", Optional.empty());
        awaitFx("ticker-1 running", () -> cockpit.live().row("ticker-1").map(r -> r.group() == StateGroup.RUNNING).orElse(false));

        // Opened from the Orders view while it runs: what the history holds, then every later line live, none lost or doubled.
        robot.interact(() -> cockpit.viewModel().showOrder("ticker-1"));
        awaitFx("ticker-1 selected", () -> cockpit.viewModel().orders().detailProperty().get().isPresent());
        robot.clickOn("#openLog");
        assertThat(cockpit.viewModel().pageProperty().get()).isEqualTo(Page.LOG);
        var log = cockpit.viewModel().log();
        awaitFx("the ticks up to the last, live", () -> log.lines().stream().anyMatch(l -> l.kind() == LineKind.STEP_ENDED));
        List<String> ticks = onFx(() -> log.lines().stream().filter(l -> l.kind() == LineKind.STDOUT).map(LogLine::text).toList());
        assertThat(ticks).isEqualTo(java.util.stream.IntStream.rangeClosed(1, 60).mapToObj(i -> "tick " + i).toList());

        awaitFx("daily-report finished", () -> cockpit.live().row("daily-report-2026-12-07").map(r -> r.group() == StateGroup.FINISHED).orElse(false));
        // Found in the history (filtered by its workflow), where a double-click opens its log.
        robot.clickOn("#nav-HISTORY");
        var history = cockpit.viewModel().history();
        awaitFx("the history lists it", () -> history.orders().stream().anyMatch(o -> o.orderId().equals("daily-report-2026-12-07")));
        TableView<HistoryEntry.OrderEntry> historyTable = robot.lookup("#historyOrderTable").queryTableView();
        robot.interact(() -> historyTable.getSelectionModel().select(history.orders().stream()
                .filter(o -> o.orderId().equals("daily-report-2026-12-07")).findFirst().orElseThrow()));
        Screenshots.write(robot, cockpit.scene(), "history.png");
        // Its detail: the steps on a time axis, the fork's children under the fork, its variables and return values.
        robot.clickOn("#historyDetail");
        assertThat(cockpit.viewModel().pageProperty().get()).isEqualTo(Page.ORDER_DETAIL);
        var detail = cockpit.viewModel().orderDetail();
        awaitFx("its four steps on the time axis", () -> detail.steps().size() == 4);
        List<String> steps = onFx(() -> detail.steps().stream().map(s -> s.branch() + ":" + s.name()).toList());
        assertThat(steps.get(0)).isEqualTo(":fetch");
        assertThat(steps.subList(1, 3)).containsExactlyInAnyOrder("eu:aggregate", "us:aggregate");
        assertThat(steps.get(3)).isEqualTo(":publish");
        assertThat(onFx(() -> detail.variables().stream().map(v -> v.name() + "=" + v.value()).toList()))
                .containsExactly("region=\"eu+us\"", "rows=1200");
        assertThat(robot.lookup("#gantt-bar-3").tryQuery()).isPresent();
        Screenshots.write(robot, cockpit.scene(), "order-detail.png");

        // A failed order raises a notification: the bell counts it, the centre lists it until it is acknowledged.
        system.addOrder("check-disk-backup", "ops/failing", Optional.empty());
        var notifications = cockpit.viewModel().notifications();
        awaitFx("the failure notified", () -> notifications.notifications().stream().anyMatch(n -> n.subject().equals("check-disk-backup")));
        awaitFx("the bell counts it", () -> robot.lookup("#notificationBell").queryButton().getText().equals("1"));
        robot.clickOn("#notificationBell");
        assertThat(cockpit.viewModel().pageProperty().get()).isEqualTo(Page.NOTIFICATIONS);
        assertThat(onFx(() -> notifications.notifications().get(0).text())).contains("returnCode 3");
        Screenshots.write(robot, cockpit.scene(), "notifications.png");
        robot.clickOn("#acknowledgeAll");
        assertThat(robot.lookup("#notificationBell").queryButton().getText()).isEmpty();

        // The failed order's detail resumes it at a chosen position (asked first); the Controller resumes it.
        robot.interact(() -> cockpit.viewModel().showOrderDetail("check-disk-backup"));
        awaitFx("its position to resume at", () -> !detail.resumePositions().isEmpty());
        robot.interact(() -> ((javafx.scene.control.ComboBox<?>) robot.lookup("#detailResumePosition").query()).getSelectionModel().select(0));
        robot.clickOn("#detailResumeAt");
        assertThat(confirmations).last().asString().startsWith("Resume check-disk-backup at 0 · check-disk");
        awaitFx("the Controller's answer", () -> !detail.actions().messageProperty().get().endsWith("…"));
        assertThat(onFx(() -> detail.actions().messageProperty().get())).isEqualTo("Resuming check-disk-backup at [0]");
        awaitFx("resumed", () -> detail.events().stream().anyMatch(e -> e.type().equals("OrderResumed")));
        // As JS7 records it (op-resume-failed-again, op-resume-failed-at-next): resumed without rewriting its failed
        // outcome (asSucceeded), the order fails again at once where it was resumed; no job runs, so the bell counts
        // a second failure while the detail still shows the one failed step.
        awaitFx("failed again", () -> detail.events().stream().filter(e -> e.type().equals("OrderFailed")).count() == 2);
        assertThat(onFx(() -> detail.events().subList(0, 2).stream().map(e -> e.type()).toList())).containsExactly("OrderFailed", "OrderResumed");
        awaitFx("the bell counts the second failure", () -> robot.lookup("#notificationBell").queryButton().getText().equals("1"));
        assertThat(onFx(() -> detail.steps().stream().map(st -> st.positionText() + " " + st.outcome() + " " + st.returnCode().orElse(-1)).toList()))
                .containsExactly("0 Failed 3");
        robot.clickOn("#nav-HISTORY");
        robot.clickOn("#historyWorkflow .text-field").write("ops/daily-report").push(KeyCode.ENTER);
        awaitFx("only its workflow's orders", () -> !history.orders().isEmpty() // the other test may add one through the form
                && history.orders().stream().allMatch(o -> o.workflowPath().equals("ops/daily-report"))
                && history.orders().stream().anyMatch(o -> o.orderId().equals("daily-report-2026-12-07")));
        robot.doubleClickOn(robot.lookup("#historyOrderTable .table-row-cell").match((javafx.scene.control.TableRow<HistoryEntry.OrderEntry> row) ->
                row.getItem() != null && row.getItem().orderId().equals("daily-report-2026-12-07")).queryAs(javafx.scene.Node.class));
        assertThat(cockpit.viewModel().pageProperty().get()).isEqualTo(Page.LOG);
        assertThat(log.orderIdProperty().get()).isEqualTo("daily-report-2026-12-07");
        awaitFx("its four steps", () -> log.sections().size() == 4 && !log.loadingProperty().get());
        assertThat(onFx(() -> log.lines().stream().filter(l -> l.kind() == LineKind.STDERR).map(LogLine::text).toList()))
                .containsExactly("warning: 3 rows skipped (currency missing)");
        robot.clickOn("#logSearch").write("rows");
        awaitFx("the lines with 'rows' found", () -> log.searchProperty().get().lines().length == 3);
        Screenshots.write(robot, cockpit.scene(), "log.png");

        // The daily plan: a day planned from the schedules (asked first, naming the day), then seen in the calendar and the day's list.
        robot.clickOn("#nav-DAILY_PLAN");
        var plan = cockpit.viewModel().dailyPlan();
        java.time.LocalDate tomorrow = plan.today().plusDays(1);
        awaitFx("the month with projections", () -> plan.days().stream().anyMatch(d -> d.projected() > 0));
        robot.clickOn("#day-" + tomorrow);
        awaitFx("tomorrow's projected orders", () -> !plan.dayOrders().isEmpty() && plan.dayOrders().get(0).state().equals("projected"));
        robot.clickOn("#planPlan");
        assertThat(confirmations).last().asString().startsWith("Plan " + tomorrow);
        awaitFx("tomorrow planned", () -> !plan.dayOrders().isEmpty() && plan.dayOrders().stream().allMatch(o -> o.state().equals("planned"))
                && plan.days().stream().anyMatch(d -> d.date().equals(tomorrow) && d.planned() > 0));
        robot.clickOn("#day-" + plan.today());
        robot.clickOn("#planPlan");
        awaitFx("today planned", () -> plan.days().stream().anyMatch(d -> d.date().equals(plan.today()) && d.planned() > 0));
        robot.clickOn("#planSubmit");
        assertThat(confirmations).last().asString().contains("planned order").contains("go to the Controller");
        awaitFx("today submitted", () -> plan.days().stream().anyMatch(d -> d.date().equals(plan.today()) && d.planned() == 0 && d.stored() > 0));
        awaitFx("a submitted order at the Controller", () -> cockpit.live().orders().stream().anyMatch(o -> o.orderId().startsWith("#" + plan.today() + "#P")));
        robot.clickOn("#day-" + tomorrow);
        awaitFx("tomorrow's list", () -> plan.dayOrders().stream().allMatch(o -> o.state().equals("planned")) && !plan.dayOrders().isEmpty());
        Screenshots.write(robot, cockpit.scene(), "daily-plan.png");
        robot.interact(() -> cockpit.viewModel().toggleTheme());
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.write(robot, cockpit.scene(), "daily-plan-dark.png");
        robot.interact(() -> cockpit.viewModel().toggleTheme());
    }
}
