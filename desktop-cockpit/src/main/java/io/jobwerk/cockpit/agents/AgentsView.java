package io.jobwerk.cockpit.agents;

import io.jobwerk.cockpit.live.AgentRow;
import io.jobwerk.cockpit.ui.Icons;
import io.jobwerk.cockpit.ui.Refusals;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Agents screen: each Agent and, indented below it, its Subagents; reset the selected Agent or Subagent (asked first). */
public final class AgentsView extends VBox {

    /** @param confirm asks the operator (the question names what is affected); true to go on */
    public AgentsView(AgentsViewModel viewModel, Predicate<String> confirm) {
        getStyleClass().add("page");
        Label title = new Label("Agents");
        title.getStyleClass().add("page-title");
        Label hint = new Label("Agents as the Controller is coupled with them; Subagents as their Agent last reported them.");
        hint.getStyleClass().add("muted");
        AgentTable table = new AgentTable(viewModel.rows(), viewModel.zone(), false);
        table.setId("agents");
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> viewModel.select(Optional.ofNullable(row)));
        keepSelectionThroughUpdates(table);
        VBox.setVgrow(table, Priority.ALWAYS);

        Button reset = button("Reset Agent", "resetAgent", "mdmz-settings_backup_restore", viewModel.resetAgentRefusalProperty(),
                "Reset the selected Agent: its Director kills its jobs and forgets its orders, which the Controller attaches anew");
        reset.setOnAction(e -> {
            if (confirm.test(viewModel.describeResetAgent(false))) {
                viewModel.resetAgent(false);
            }
        });
        Button force = button("Reset by force", "forceResetAgent", "mdmz-report_problem", viewModel.forceResetRefusalProperty(),
                "Reset an Agent the Controller cannot reach: the Controller takes its orders back");
        force.setOnAction(e -> {
            if (confirm.test(viewModel.describeResetAgent(true))) {
                viewModel.resetAgent(true);
            }
        });
        Button resetSubagent = button("Reset Subagent", "resetSubagent", "mdmz-memory", viewModel.resetSubagentRefusalProperty(),
                "Reset the selected Subagent: its running jobs are recorded as lost and restart, and it is dedicated anew");
        resetSubagent.setOnAction(e -> {
            if (confirm.test(viewModel.describeResetSubagent())) {
                viewModel.resetSubagent();
            }
        });
        Button toggle = button("Disable Subagent", "toggleSubagent", "mdoal-block", viewModel.toggleSubagentRefusalProperty(),
                "Disable the selected Subagent (no new job goes there; running ones go on), or enable it again");
        toggle.textProperty().bind(Bindings.createStringBinding(() -> viewModel.selectedProperty().get()
                .filter(AgentRow::disabled).isPresent() ? "Enable Subagent" : "Disable Subagent", viewModel.selectedProperty()));
        toggle.setOnAction(e -> {
            if (confirm.test(viewModel.describeToggleSubagent())) {
                viewModel.toggleSubagent();
            }
        });
        Label message = new Label();
        message.setId("agentsMessage");
        message.getStyleClass().add("muted");
        message.textProperty().bind(viewModel.messageProperty());
        FlowPane actions = new FlowPane(8, 6, Refusals.withReason(reset, viewModel.resetAgentRefusalProperty()),
                Refusals.withReason(force, viewModel.forceResetRefusalProperty()),
                Refusals.withReason(resetSubagent, viewModel.resetSubagentRefusalProperty()),
                Refusals.withReason(toggle, viewModel.toggleSubagentRefusalProperty()), message);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.getStyleClass().add("toolbar-row");
        getChildren().addAll(title, hint, actions, table);
    }

    /**
     * An update replaces the rows, and the table drops a selected row that is replaced: the same
     * Agent or Subagent is selected again, so its actions (e.g. enable after disable) stay at hand.
     */
    private static void keepSelectionThroughUpdates(TableView<AgentRow> table) {
        AgentRow[] chosen = {null};
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) {
                chosen[0] = row;
            }
        });
        // after the table has handled the change (its selection model listens to the rows too)
        table.getItems().addListener((javafx.collections.ListChangeListener<AgentRow>) c -> javafx.application.Platform.runLater(() -> {
            AgentRow last = chosen[0];
            if (last != null && table.getSelectionModel().getSelectedItem() == null) {
                table.getItems().stream().filter(r -> r.kind() == last.kind() && r.id().equals(last.id())).findFirst()
                        .ifPresent(r -> table.getSelectionModel().select(r));
            }
        }));
    }

    private static Button button(String text, String id, String icon, ObservableStringValue refusal, String whatItDoes) {
        Button b = new Button(text, Icons.icon(icon));
        b.setId(id);
        b.setTooltip(new Tooltip(whatItDoes));
        b.disableProperty().bind(Bindings.createBooleanBinding(() -> !refusal.get().isEmpty(), refusal));
        return b;
    }

    /** The table of Agents and Subagents, also on the Dashboard. */
    public static final class AgentTable extends TableView<AgentRow> {

        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

        /** @param compact without URI and problem columns (the Dashboard), the problem then in a tooltip */
        public AgentTable(ObservableList<AgentRow> rows, ZoneId zone, boolean compact) {
            super(rows);
            setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
            setPlaceholder(new Label("No Agent is registered at this Controller."));
            TableColumn<AgentRow, AgentRow> name = new TableColumn<>("Agent / Subagent");
            name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
            name.setCellFactory(c -> new TableCell<>() {
                @Override
                protected void updateItem(AgentRow row, boolean empty) {
                    super.updateItem(row, empty);
                    if (empty || row == null) {
                        setText(null);
                        setGraphic(null);
                    } else {
                        boolean agent = row.kind() == AgentRow.Kind.AGENT;
                        setText((agent ? "" : "      ") + row.id() + (row.director() ? " (director)" : "") + (row.disabled() ? " (disabled)" : ""));
                        setGraphic(Icons.icon(agent ? "mdoal-dns" : "mdmz-memory"));
                        setStyle(agent ? "-fx-font-weight: bold;" : "");
                    }
                }
            });
            name.setPrefWidth(220);
            name.setMinWidth(200);
            TableColumn<AgentRow, AgentRow> coupling = new TableColumn<>("Connection");
            coupling.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
            coupling.setCellFactory(c -> new TableCell<>() {
                @Override
                protected void updateItem(AgentRow row, boolean empty) {
                    super.updateItem(row, empty);
                    getStyleClass().removeIf(s -> s.startsWith("coupling-"));
                    if (empty || row == null) {
                        setText(null);
                        setGraphic(null);
                    } else {
                        setText(row.coupling().label());
                        setTooltip(row.problem().map(javafx.scene.control.Tooltip::new).orElse(null));
                        setGraphic(Icons.icon(row.coupling().icon(), row.coupling().styleClass()));
                        getStyleClass().add(row.coupling().styleClass());
                    }
                }
            });
            coupling.setPrefWidth(160);
            coupling.setMinWidth(150);
            TableColumn<AgentRow, String> since = new TableColumn<>("Since");
            since.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().since().map(t -> TIME.format(t.atZone(zone))).orElse("—")));
            since.setPrefWidth(200);
            since.setMinWidth(190);
            TableColumn<AgentRow, Number> running = new TableColumn<>("Running jobs");
            running.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().runningJobs()));
            running.setPrefWidth(110);
            running.setMinWidth(100);
            running.setStyle("-fx-alignment: center-right;");
            TableColumn<AgentRow, String> uri = new TableColumn<>("URI");
            uri.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().uri()));
            uri.setPrefWidth(190);
            uri.setMinWidth(170);
            TableColumn<AgentRow, String> problem = new TableColumn<>("Problem");
            problem.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().problem().orElse("")));
            problem.setCellFactory(c -> new TableCell<>() {
                @Override
                protected void updateItem(String text, boolean empty) {
                    super.updateItem(text, empty);
                    setText(empty ? null : text);
                    setTooltip(empty || text == null || text.isEmpty() ? null : new javafx.scene.control.Tooltip(text));
                }
            });
            getColumns().setAll(compact ? java.util.List.of(name, coupling, since, running)
                    : java.util.List.of(name, coupling, since, running, uri, problem));
        }
    }
}
