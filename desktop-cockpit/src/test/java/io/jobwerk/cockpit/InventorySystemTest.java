package io.jobwerk.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.inventory.DeployViewModel;
import io.jobwerk.cockpit.inventory.DeployedState;
import io.jobwerk.cockpit.inventory.InventoryEntry;
import io.jobwerk.cockpit.inventory.InventoryViewModel;
import io.jobwerk.cockpit.inventory.JsonDiff;
import io.jobwerk.cockpit.main.Page;
import io.jobwerk.engine.item.LockPath;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The inventory, headless, against a real standalone Controller + Agent: a workspace (a git repository)
 * with items deployed as they are, changed, new and invalid; an edit is validated as typed, saved,
 * deployed through the dialog (diff first), seen deployed; an item is revoked. Writes inventory.png and
 * deploy.png.
 */
@ExtendWith(ApplicationExtension.class)
class InventorySystemTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String FAILING_JOB = "{\"agentPath\":\"agent\",\"processLimit\":1,\"executable\":{\"TYPE\":\"ShellScriptExecutable\","
            + "\"script\":\"#!/bin/sh\\necho 'disk /data is 97% full' >&2; exit 3\\n\"}}";

    @TempDir
    static Path data;
    @RegisterExtension
    static final DemoSystemExtension demo = DemoSystemExtension.withoutOrders();
    static DemoSystem system; // set by demo
    static Path workspace;

    private Cockpit cockpit;
    private final ArrayDeque<String> answers = new ArrayDeque<>();

    @BeforeAll
    static void startSystem() throws Exception {
        workspace = Files.createDirectories(data.resolve("workspace"));
        write("ops/failing.workflow.json", "{\n  \"path\" : \"ops/failing\",\n  \"instructions\" : [ {\n    \"TYPE\" : \"Execute.Named\",\n"
                + "    \"label\" : \"check-disk\",\n    \"jobName\" : \"check\"\n  } ],\n  \"jobs\" : {\n    \"check\" : " + FAILING_JOB + "\n  }\n}\n");
        write("ops/report-lock.lock.json", "{\n  \"TYPE\" : \"Lock\",\n  \"path\" : \"report-lock\",\n  \"limit\" : 1\n}\n");
        write("reports/monthly-report.workflow.json", monthlyReport("report-lock", "echo rendering the monthly report"));
        write("reports/archive.lock.json", "{\n  \"limit\" : 2\n}\n");
        write("drafts/backup-eu.workflow.json", "{\n  \"instructions\" : [ {\n    \"TYPE\" : \"Execute.Named\",\n    \"jobName\" : \"copy\"\n  } ],\n"
                + "  \"jobs\" : {\n    \"copy\" : {\n      \"agentPath\" : \"backup-eu\",\n      \"executable\" : {\n        \"TYPE\" : \"ShellScriptExecutable\",\n"
                + "        \"script\" : \"#!/bin/sh\\nrsync -a /data backup-eu:/data\\n\"\n      }\n    }\n  }\n}\n");
        git("init", "-q");
        git("add", ".");
        git("-c", "user.name=ops", "-c", "user.email=ops@example.com", "commit", "-q", "-m", "inventory");
        // the operator has since changed the failing job's script and started an archive lock
        write("ops/failing.workflow.json", Files.readString(workspace.resolve("ops/failing.workflow.json")).replace("97%", "98%"));
        write("reports/archive.lock.json", "{\n  \"limit\" : 3\n}\n");
        Files.createDirectories(workspace.resolve(".jobwerk"));
        Files.writeString(workspace.resolve(".jobwerk/tags.json"), "{\"reports/monthly-report.workflow.json\":[\"finance\",\"monthly\"],"
                + "\"ops/failing.workflow.json\":[\"ops\"]}");
    }

    static String monthlyReport(String lock, String script) {
        return "{\n  \"instructions\" : [ {\n    \"TYPE\" : \"Execute.Named\",\n    \"label\" : \"collect\",\n    \"jobName\" : \"collect\"\n  }, {\n"
                + "    \"TYPE\" : \"Lock\",\n    \"demands\" : [ {\n      \"lockPath\" : \"" + lock + "\"\n    } ],\n    \"lockedWorkflow\" : {\n"
                + "      \"instructions\" : [ {\n        \"TYPE\" : \"Execute.Named\",\n        \"label\" : \"render\",\n        \"jobName\" : \"render\"\n"
                + "      } ]\n    }\n  } ],\n  \"jobs\" : {\n    \"collect\" : {\n      \"agentPath\" : \"agent\",\n      \"executable\" : {\n"
                + "        \"TYPE\" : \"ShellScriptExecutable\",\n        \"script\" : \"#!/bin/sh\\necho collecting\\n\"\n      }\n    },\n"
                + "    \"render\" : {\n      \"agentPath\" : \"agent\",\n      \"executable\" : {\n        \"TYPE\" : \"ShellScriptExecutable\",\n"
                + "        \"script\" : \"#!/bin/sh\\n" + script + "\\n\"\n      }\n    }\n  }\n}\n";
    }

    @Start
    void start(Stage stage) {
        cockpit = demo.connect(DemoSystem.USER, DemoSystem.PASSWORD, conf -> new Cockpit(conf, Clock.systemUTC(), ZoneId.of("Europe/Berlin"),
                question -> true, (question, initial) -> Optional.ofNullable(answers.poll())));
        cockpit.openWorkspace(workspace);
        cockpit.show(stage);
    }

    @Test
    void editValidateDeployAndRevokeAgainstARealController(FxRobot robot) throws Exception {
        InventoryViewModel inventory = cockpit.viewModel().inventory();
        robot.clickOn("#nav-INVENTORY");
        assertThat(cockpit.viewModel().pageProperty().get()).isEqualTo(Page.INVENTORY);
        awaitFx("the workspace compared with the Controller", () -> state(inventory, "ops/failing.workflow.json").equals(Optional.of(DeployedState.CHANGED))
                && state(inventory, "ops/report-lock.lock.json").equals(Optional.of(DeployedState.DEPLOYED))
                && state(inventory, "reports/monthly-report.workflow.json").equals(Optional.of(DeployedState.NOT_DEPLOYED)));
        InventoryEntry broken = inventory.entry("drafts/backup-eu.workflow.json").orElseThrow();
        assertThat(broken.problems()).singleElement().asString().contains("refers to the unknown Agent 'backup-eu'");
        assertThat(inventory.entry("ops/failing.workflow.json").orElseThrow().git().letter()).isEqualTo("M");
        assertThat(inventory.entry("reports/monthly-report.workflow.json").orElseThrow().tags()).containsExactly("finance", "monthly");

        // Edit: a reference to a lock nobody has is a problem as soon as it is typed, shown on the item and in the tree.
        robot.clickOn("#entry-reports_monthly-report_workflow_json");
        awaitFx("monthly-report opened", () -> inventory.selectedFileProperty().get().equals("reports/monthly-report.workflow.json"));
        TextArea editor = robot.lookup("#jsonEditor").queryAs(TextArea.class);
        robot.interact(() -> editor.setText(monthlyReport("printer-lock", "echo rendering the monthly report")));
        ListView<String> problems = robot.lookup("#problems").queryListView();
        awaitFx("the problem shown", () -> problems.getItems().size() == 1 && problems.getItems().get(0).contains("unknown Lock 'printer-lock'"));
        assertThat(robot.lookup("#entry-reports_monthly-report_workflow_json .chip").queryAs(Label.class).getText()).isEqualTo("invalid");
        robot.interact(() -> editor.setText(monthlyReport("report-lock", "echo rendering the monthly report; echo 12 pages")));
        awaitFx("valid again", () -> problems.getItems().isEmpty());
        robot.clickOn("#saveItem");
        awaitFx("saved", () -> !inventory.dirtyProperty().get()
                && Files.readString(workspace.resolve("reports/monthly-report.workflow.json")).contains("12 pages"));
        robot.clickOn("Graph");
        robot.clickOn("JSON");

        // Deploy: the dialog shows the difference first.
        robot.clickOn("#openDeploy");
        DeployViewModel deploy = cockpit.viewModel().deploy();
        awaitFx("the dialog lists the items with their states", () -> deploy.openProperty().get() && deploy.rows().size() == 5
                && row(deploy, "ops/failing.workflow.json").states().equals("changed"));
        assertThat(row(deploy, "reports/monthly-report.workflow.json").chosen().get()).isTrue();
        robot.interact(() -> row(deploy, "ops/failing.workflow.json").chosen().set(true));
        robot.interact(() -> deploy.showDiff("ops/failing.workflow.json"));
        awaitFx("the diff of the changed script", () -> deploy.diff().stream().anyMatch(l -> l.kind() == JsonDiff.Kind.REMOVED && l.text().contains("97%"))
                && deploy.diff().stream().anyMatch(l -> l.kind() == JsonDiff.Kind.ADDED && l.text().contains("98%")));
        assertThat(deploy.diffTitleProperty().get()).contains("draft against standalone");

        robot.clickOn("#deployChosen");
        awaitFx("deployed", () -> deploy.messageProperty().get().startsWith("standalone: deployed as version")
                && row(deploy, "reports/monthly-report.workflow.json").states().equals("deployed")
                && row(deploy, "ops/failing.workflow.json").states().equals("deployed"));
        assertThat(system.state().currentWorkflow(new WorkflowPath("monthly-report")).orThrow().jobs().toString()).contains("12 pages");
        assertThat(deploy.history()).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo("deploy");
            assertThat(r.items()).containsExactly("Workflow:ops/failing", "Workflow:monthly-report");
            assertThat(r.succeeded()).isTrue();
        });

        // An invalid item is refused before anything is sent.
        robot.interact(() -> {
            deploy.rows().forEach(r -> r.chosen().set(false));
            row(deploy, "drafts/backup-eu.workflow.json").chosen().set(true);
        });
        robot.clickOn("#deployChosen");
        assertThat(deploy.messageProperty().get()).startsWith("Nothing sent: drafts/backup-eu.workflow.json is not valid");

        // Deploy the archive lock, then revoke it.
        robot.interact(() -> {
            deploy.rows().forEach(r -> r.chosen().set(false));
            row(deploy, "reports/archive.lock.json").chosen().set(true);
        });
        robot.clickOn("#deployChosen");
        awaitFx("the lock deployed", () -> system.state().lock(new LockPath("archive")).isOk()
                && row(deploy, "reports/archive.lock.json").states().equals("deployed"));
        robot.clickOn("#closeDeploy");

        // The operator changes the deployed lock, and the dialog shows the difference to the Controller's.
        robot.clickOn("#entry-reports_archive_lock_json");
        awaitFx("the archive lock opened", () -> inventory.selectedFileProperty().get().equals("reports/archive.lock.json"));
        robot.interact(() -> editor.setText("{\n  \"limit\" : 4\n}\n"));
        robot.clickOn("#saveItem");
        awaitFx("saved", () -> Files.readString(workspace.resolve("reports/archive.lock.json")).contains("4"));
        robot.clickOn("#openDeploy");
        awaitFx("the lock changed, its diff shown", () -> row(deploy, "reports/archive.lock.json").states().equals("changed")
                && row(deploy, "reports/archive.lock.json").chosen().get()
                && deploy.diff().stream().anyMatch(l -> l.kind() == JsonDiff.Kind.ADDED && l.text().contains("\"limit\" : 4")));
        robot.interact(() -> robot.lookup("#deployItems").queryTableView().getSelectionModel().select(
                row(deploy, "reports/archive.lock.json")));
        Screenshots.write(robot, cockpit.scene(), "deploy.png");
        robot.clickOn("#revokeChosen");
        awaitFx("the lock revoked", () -> system.state().lock(new LockPath("archive")).isFail()
                && row(deploy, "reports/archive.lock.json").states().equals("new"));
        assertThat(deploy.history()).extracting(r -> r.action()).containsExactly("revoke", "deploy", "deploy");
        robot.clickOn("#closeDeploy");

        // The tree follows the Controller's events.
        awaitFx("the tree shows them deployed", () -> state(inventory, "reports/monthly-report.workflow.json").equals(Optional.of(DeployedState.DEPLOYED))
                && state(inventory, "ops/failing.workflow.json").equals(Optional.of(DeployedState.DEPLOYED))
                && state(inventory, "reports/archive.lock.json").equals(Optional.of(DeployedState.NOT_DEPLOYED)));
        robot.clickOn("#entry-drafts_backup-eu_workflow_json");
        awaitFx("the broken draft shown", () -> problems.getItems().size() == 1 && problems.getItems().get(0).contains("unknown Agent 'backup-eu'"));
        Screenshots.write(robot, cockpit.scene(), "inventory.png");
    }

    private static Optional<DeployedState> state(InventoryViewModel inventory, String file) {
        return inventory.entry(file).flatMap(InventoryEntry::deployed);
    }

    private static DeployViewModel.Row row(DeployViewModel deploy, String file) {
        return deploy.rows().stream().filter(r -> r.entry().file().equals(file)).findFirst().orElseThrow();
    }

    private static void write(String file, String text) throws Exception {
        Path p = workspace.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static void git(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", workspace.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitFx(String what, Check condition) throws Exception {
        Supplier<Boolean> onFx = () -> {
            try {
                return WaitForAsyncUtils.asyncFx(condition::holds).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                return false;
            }
        };
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!onFx.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }
}
