package io.jobwerk.cockpit.inventory;

import io.jobwerk.cockpit.ui.Icons;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The deploy dialog, over the inventory: items with their state per Controller (choose them), the
 * Controllers (choose them), signing, the selected item's JSON diff to the first chosen Controller,
 * Deploy and Revoke, and the deployment history below.
 */
final class DeployView extends StackPane {

    private final DateTimeFormatter time;

    DeployView(DeployViewModel viewModel, ZoneId zone) {
        time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").withZone(zone);
        setId("deployDialog");
        getStyleClass().add("dialog-overlay");

        Label title = new Label("Deploy to Controllers");
        title.getStyleClass().add("page-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button close = new Button("Close", Icons.icon("mdoal-close"));
        close.setId("closeDeploy");
        close.setOnAction(e -> viewModel.close());
        HBox header = new HBox(12, title, spacer, close);
        header.setAlignment(Pos.CENTER_LEFT);

        SplitPane main = new SplitPane(left(viewModel), diff(viewModel));
        main.setDividerPositions(0.5);
        VBox.setVgrow(main, Priority.ALWAYS);

        Button deploy = new Button("Deploy chosen", Icons.icon("mdoal-cloud_upload"));
        deploy.setId("deployChosen");
        deploy.getStyleClass().add("accent");
        deploy.disableProperty().bind(viewModel.busyProperty().or(viewModel.refusalProperty().isNotEmpty()));
        deploy.setOnAction(e -> viewModel.deploy());
        Button revoke = new Button("Revoke chosen", Icons.icon("mdoal-cloud_off"));
        revoke.setId("revokeChosen");
        revoke.getStyleClass().add("danger");
        revoke.disableProperty().bind(viewModel.busyProperty().or(viewModel.refusalProperty().isNotEmpty()));
        revoke.setOnAction(e -> viewModel.revoke());
        Label message = new Label();
        message.setId("deployMessage");
        message.setWrapText(true);
        message.textProperty().bind(viewModel.messageProperty());
        HBox.setHgrow(message, Priority.ALWAYS);
        HBox actions = new HBox(10, io.jobwerk.cockpit.ui.Refusals.withReason(deploy, viewModel.refusalProperty(), "Deploy the chosen items to the chosen Controllers"),
                io.jobwerk.cockpit.ui.Refusals.withReason(revoke, viewModel.refusalProperty(), "Remove the chosen items from the chosen Controllers"), message);
        actions.setAlignment(Pos.CENTER_LEFT);

        VBox card = new VBox(10, header, main, actions, history(viewModel));
        card.getStyleClass().add("dialog-card");
        card.setPadding(new Insets(16));
        card.setMaxSize(1360, 820);
        getChildren().add(card);
        setPadding(new Insets(24));
    }

    private static VBox left(DeployViewModel viewModel) {
        TableView<DeployViewModel.Row> items = new TableView<>(viewModel.rows());
        items.setId("deployItems");
        items.setEditable(true);
        items.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<DeployViewModel.Row, Boolean> chosen = new TableColumn<>("");
        chosen.setCellValueFactory(c -> c.getValue().chosen());
        chosen.setCellFactory(CheckBoxTableCell.forTableColumn(chosen));
        chosen.setEditable(true);
        chosen.setMaxWidth(36);
        chosen.setMinWidth(36);
        TableColumn<DeployViewModel.Row, String> item = new TableColumn<>("Item");
        item.setCellValueFactory(c -> new ReadOnlyStringWrapper(ItemTemplates.label(c.getValue().entry().type()) + " " + c.getValue().entry().name()));
        item.setPrefWidth(190);
        TableColumn<DeployViewModel.Row, String> file = new TableColumn<>("File");
        file.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().entry().file()));
        file.setPrefWidth(170);
        TableColumn<DeployViewModel.Row, String> valid = new TableColumn<>("Valid");
        valid.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().entry().valid() ? "✔" : "✘ invalid"));
        valid.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                var row = getTableRow() == null ? null : getTableRow().getItem();
                getStyleClass().remove("state-failed");
                if (!empty && row != null && !row.entry().valid()) {
                    getStyleClass().add("state-failed");
                    setTooltip(new javafx.scene.control.Tooltip(String.join("\n", row.entry().problems())));
                } else {
                    setTooltip(null);
                }
            }
        });
        valid.setPrefWidth(80);
        TableColumn<DeployViewModel.Row, String> state = new TableColumn<>("State");
        state.setPrefWidth(90);
        state.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().states()));
        items.getColumns().addAll(java.util.List.of(chosen, item, file, valid, state));
        items.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                viewModel.showDiff(b.entry().file());
            }
        });
        VBox.setVgrow(items, Priority.ALWAYS);

        VBox targets = new VBox(4);
        targets.setId("deployTargets");
        Runnable fillTargets = () -> {
            targets.getChildren().setAll(new Label("Controllers"));
            for (DeployViewModel.Target t : viewModel.targets()) {
                CheckBox box = new CheckBox(t.name() + "  (" + t.conf().controllerUri() + ", as " + t.conf().userId() + ")");
                box.setId("target-" + t.name());
                box.selectedProperty().bindBidirectional(t.chosen());
                box.selectedProperty().addListener((o, a, b) -> viewModel.readTargets());
                targets.getChildren().add(box);
            }
        };
        viewModel.targets().addListener((javafx.collections.ListChangeListener<DeployViewModel.Target>) c -> fillTargets.run());
        fillTargets.run();

        TextField keyStore = new TextField();
        keyStore.setId("keyStore");
        keyStore.setPromptText("PKCS#12 key store (empty: unsigned)");
        keyStore.textProperty().bindBidirectional(viewModel.keyStoreProperty());
        HBox.setHgrow(keyStore, Priority.ALWAYS);
        PasswordField password = new PasswordField();
        password.setPromptText("key store password");
        password.textProperty().bindBidirectional(viewModel.keyPasswordProperty());
        HBox signing = new HBox(6, new Label("Sign with"), keyStore, password);
        signing.setAlignment(Pos.CENTER_LEFT);
        return new VBox(8, targets, signing, new Label("Items (tick to deploy or revoke; select one to see its difference)"), items);
    }

    private static VBox diff(DeployViewModel viewModel) {
        Label title = new Label();
        title.setId("diffTitle");
        title.setWrapText(true);
        title.textProperty().bind(viewModel.diffTitleProperty());
        ListView<JsonDiff.Line> lines = new ListView<>(viewModel.diff());
        lines.setId("diffLines");
        lines.setPlaceholder(new Label("Select an item to see what changes"));
        lines.getStyleClass().add("diff");
        lines.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(JsonDiff.Line line, boolean empty) {
                super.updateItem(line, empty);
                getStyleClass().removeAll("diff-added", "diff-removed");
                if (empty || line == null) {
                    setText(null);
                    return;
                }
                setText(line.marked());
                if (line.kind() == JsonDiff.Kind.ADDED) {
                    getStyleClass().add("diff-added");
                } else if (line.kind() == JsonDiff.Kind.REMOVED) {
                    getStyleClass().add("diff-removed");
                }
            }
        });
        lines.setFixedCellSize(20);
        // the first change in view, with a little context above it
        viewModel.diff().addListener((javafx.collections.ListChangeListener<JsonDiff.Line>) c -> {
            for (int i = 0; i < viewModel.diff().size(); i++) {
                if (viewModel.diff().get(i).kind() != JsonDiff.Kind.SAME) {
                    lines.scrollTo(Math.max(0, i - 4));
                    return;
                }
            }
        });
        VBox.setVgrow(lines, Priority.ALWAYS);
        VBox box = new VBox(6, title, lines);
        box.setPadding(new Insets(0, 0, 0, 8));
        return box;
    }

    private BorderPane history(DeployViewModel viewModel) {
        TableView<DeploymentHistory.Record> table = new TableView<>(viewModel.history());
        table.setId("deployHistory");
        table.setPrefHeight(150);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Nothing deployed from this workspace yet"));
        table.getColumns().addAll(java.util.List.of(
                column("When", r -> time.format(r.at()), 200),
                column("Action", DeploymentHistory.Record::action, 70),
                column("Controller", DeploymentHistory.Record::controller, 110),
                column("By", DeploymentHistory.Record::user, 80),
                column("Version", r -> r.versionId().orElse("") + (r.signed() ? " (signed)" : ""), 190),
                column("Items", r -> String.join(", ", r.items()), 300),
                column("Outcome", r -> r.problem().orElse("ok"), 200)));
        BorderPane pane = new BorderPane(table);
        pane.setTop(new Label("Deployment history (kept in the workspace, .jobwerk/deployments.ndjson)"));
        return pane;
    }

    private static TableColumn<DeploymentHistory.Record, String> column(String name,
            java.util.function.Function<DeploymentHistory.Record, String> value, double width) {
        TableColumn<DeploymentHistory.Record, String> c = new TableColumn<>(name);
        c.setCellValueFactory(r -> new ReadOnlyStringWrapper(value.apply(r.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
