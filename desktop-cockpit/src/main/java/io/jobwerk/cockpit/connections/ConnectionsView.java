package io.jobwerk.cockpit.connections;

import io.jobwerk.cockpit.main.KeyBinding;
import io.jobwerk.cockpit.ui.Icons;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Connections screen: the operator's Controllers in a table (state, orders, failed, user, URL)
 * and a form to add, edit, remove, test, connect and disconnect one. The password field is only
 * ever handed to the {@link ConnectionsViewModel}; it is kept in the OS keyring when "remember" is
 * ticked and a keyring exists, else in memory for this run.
 */
public final class ConnectionsView extends VBox {

    private final ConnectionsViewModel viewModel;
    private final TableView<ConnectionEntry> table = new TableView<>();
    private final TextField name = new TextField();
    private final TextField uri = new TextField();
    private final TextField user = new TextField();
    private final PasswordField password = new PasswordField();
    private final CheckBox remember = new CheckBox();

    /** @param confirm asks before a connection is removed */
    public ConnectionsView(ConnectionsViewModel viewModel, Predicate<String> confirm, Runnable close) {
        this.viewModel = viewModel;
        getStyleClass().add("page");
        setId("connectionsView");
        Label title = new Label("Connections");
        title.getStyleClass().add("page-title");
        Label hint = new Label();
        hint.textProperty().bind(Bindings.concat("Each Controller's state is always in the strip above; ", KeyBinding.NEXT_CONNECTION.displayText(),
                " / ", KeyBinding.PREVIOUS_CONNECTION.displayText(), " switch between them. Passwords: ", viewModel.vaultDescriptionProperty(), "."));
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        Button back = new Button("Back to the Cockpit", Icons.icon("mdoal-arrow_back"));
        back.setId("connectionsBack");
        back.setOnAction(e -> close.run());
        HBox head = new HBox(12, title, back);

        table.setId("connectionsTable");
        table.setItems(viewModel.entries());
        table.getColumns().add(column("Name", 150, e -> e.profileProperty().get().name()));
        TableColumn<ConnectionEntry, String> state = new TableColumn<>("State");
        state.setPrefWidth(260);
        state.setCellValueFactory(c -> c.getValue().stateTextProperty());
        state.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                ConnectionEntry entry = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : text);
                setGraphic(entry == null ? null : Icons.icon("mdmz-radio_button_checked",
                        "connection-" + entry.stateProperty().get().status().name().toLowerCase(java.util.Locale.ROOT)));
            }
        });
        table.getColumns().add(state);
        TableColumn<ConnectionEntry, Number> orders = new TableColumn<>("Orders");
        orders.setCellValueFactory(c -> c.getValue().ordersProperty());
        TableColumn<ConnectionEntry, Number> failed = new TableColumn<>("Failed");
        failed.setCellValueFactory(c -> c.getValue().failedProperty());
        table.getColumns().add(orders);
        table.getColumns().add(failed);
        table.getColumns().add(column("User", 110, e -> e.profileProperty().get().userId()));
        table.getColumns().add(column("Controller", 300, e -> e.profileProperty().get().controllerUri()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No connection yet: fill in the form and Add."));
        VBox.setVgrow(table, Priority.ALWAYS);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> fill(b));
        table.setOnMouseClicked(e -> {
            ConnectionEntry selected = table.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && selected != null) {
                viewModel.select(selected);
                viewModel.connect(selected);
                close.run();
            }
        });

        name.setId("connectionName");
        name.setPromptText("prod");
        uri.setId("connectionUri");
        uri.setPromptText("https://controller.example.com:4443");
        user.setId("connectionUser");
        password.setId("connectionPassword");
        password.setPromptText("blank: keep the stored one");
        remember.setId("connectionRemember");
        remember.setSelected(viewModel.keyringProperty().get());
        viewModel.keyringProperty().addListener((o, a, b) -> remember.setSelected(b));
        remember.disableProperty().bind(viewModel.keyringProperty().not());
        remember.textProperty().bind(Bindings.when(viewModel.keyringProperty()).then("Remember the password in the OS keyring")
                .otherwise("No OS keyring: the password is asked at connect and kept in memory only"));
        GridPane form = new GridPane();
        form.getStyleClass().add("connections-form");
        form.addRow(0, new Label("Name"), name, new Label("User"), user);
        form.addRow(1, new Label("Controller URL"), uri, new Label("Password"), password);
        form.add(remember, 1, 2, 3, 1);
        GridPane.setHgrow(uri, Priority.ALWAYS);
        GridPane.setHgrow(password, Priority.ALWAYS);

        var selected = table.getSelectionModel().selectedItemProperty();
        Button add = button("connectionAdd", "Add", "mdoal-add_circle", () -> viewModel.add(name.getText(), uri.getText(), user.getText(),
                password.getText(), remember.isSelected()).toOptional().ifPresent(e -> table.getSelectionModel().select(e)));
        Button save = button("connectionSave", "Save changes", "mdmz-save", () -> viewModel.update(selected.get(), name.getText(), uri.getText(),
                user.getText(), password.getText(), remember.isSelected()));
        Button remove = button("connectionRemove", "Remove", "mdoal-delete", () -> {
            ConnectionEntry entry = selected.get();
            if (confirm.test("Remove the connection " + entry.profile().name() + " (" + entry.profile().controllerUri() + ", "
                    + entry.profile().userId() + ")? It is disconnected and its password forgotten.")) {
                viewModel.remove(entry);
            }
        });
        Button test = button("connectionTest", "Test", "mdoal-check_circle", () -> viewModel.test(name.getText(), uri.getText(), user.getText(), password.getText()));
        Button connect = button("connectionConnect", "Connect", "mdoal-link", () -> {
            viewModel.select(selected.get());
            viewModel.connect(selected.get());
        });
        Button disconnect = button("connectionDisconnect", "Disconnect", "mdoal-link_off", () -> viewModel.disconnect(selected.get()));
        var none = selected.isNull();
        save.disableProperty().bind(none);
        remove.disableProperty().bind(none);
        ReadOnlyWrapperOpen open = new ReadOnlyWrapperOpen(selected);
        connect.disableProperty().bind(none);
        disconnect.disableProperty().bind(none.or(open.isClosed));
        Button clear = button("connectionNew", "New", "mdoal-clear_all", () -> table.getSelectionModel().clearSelection());
        HBox actions = new HBox(8, clear, add, save, remove, test, connect, disconnect);
        Label message = new Label();
        message.setId("connectionsMessage");
        message.setWrapText(true);
        message.textProperty().bind(viewModel.messageProperty());
        viewModel.messageIsProblemProperty().addListener((o, a, b) -> style(message, b));
        style(message, viewModel.messageIsProblemProperty().get());
        getChildren().addAll(head, hint, table, form, actions, message);
        setPadding(new Insets(14));
    }

    /** Whether the selected entry is open, followed as either changes. */
    private static final class ReadOnlyWrapperOpen {
        final ReadOnlyObjectWrapper<Boolean> closedValue = new ReadOnlyObjectWrapper<>(true);
        final javafx.beans.binding.BooleanBinding isClosed;

        ReadOnlyWrapperOpen(javafx.beans.value.ObservableValue<ConnectionEntry> selected) {
            isClosed = Bindings.createBooleanBinding(() -> selected.getValue() == null || selected.getValue().openProperty().get() == null,
                    selected, closedValue);
            selected.addListener((o, a, b) -> {
                if (b != null) {
                    b.openProperty().addListener((x, y, z) -> closedValue.set(z == null));
                }
                closedValue.set(b == null || b.openProperty().get() == null);
            });
        }
    }

    private void fill(ConnectionEntry entry) {
        name.setText(entry == null ? "" : entry.profile().name());
        uri.setText(entry == null ? "" : entry.profile().controllerUri());
        user.setText(entry == null ? "" : entry.profile().userId());
        password.clear();
    }

    private static void style(Label message, boolean problem) {
        message.getStyleClass().removeAll("problem", "ok");
        message.getStyleClass().addAll("connections-message", problem ? "problem" : "ok");
    }

    private static Button button(String id, String text, String icon, Runnable action) {
        Button b = new Button(text, Icons.icon(icon));
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static TableColumn<ConnectionEntry, String> column(String title, double width, java.util.function.Function<ConnectionEntry, String> value) {
        TableColumn<ConnectionEntry, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> Bindings.createStringBinding(() -> value.apply(c.getValue()), c.getValue().profileProperty()));
        return column;
    }

    public void focus() {
        table.requestFocus();
        if (table.getSelectionModel().isEmpty() && viewModel.currentProperty().get() != null) {
            table.getSelectionModel().select(viewModel.currentProperty().get());
        }
    }
}
