package io.jobwerk.cockpit.workflows;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.command.Command;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/**
 * The dialog of {@link AddOrderForm}: an order id (proposed, editable) and a field per parameter,
 * its type and default as the prompt; OK checks the form and stays open, naming each problem,
 * until it passes.
 */
final class AddOrderDialog {
    private AddOrderDialog() {}

    static Optional<Command.AddOrder> show(AddOrderForm form, Node owner) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Add an order to " + form.workflowPath());
        dialog.setHeaderText("Add an order to " + form.workflowPath());
        if (owner.getScene() != null) {
            dialog.initOwner(owner.getScene().getWindow());
        }
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        TextField id = new TextField(form.workflowPath().replace('/', '-') + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        id.setId("addOrderId");
        id.setPrefColumnCount(28);
        grid.addRow(0, new Label("Order id"), id);
        Map<String, TextField> inputs = new LinkedHashMap<>();
        int row = 1;
        for (AddOrderForm.Field field : form.fields()) {
            TextField input = new TextField();
            input.setId("addOrderParameter-" + field.name());
            input.setPromptText(field.type() + field.defaultExpression().map(d -> ", default " + d).orElse(", required"));
            inputs.put(field.name(), input);
            grid.addRow(row++, new Label(field.name() + (field.required() ? " *" : "")), input);
        }
        if (form.fields().isEmpty()) {
            grid.add(new Label("The workflow declares no parameters."), 0, row++, 2, 1);
        }
        Label problems = new Label();
        problems.setId("addOrderProblems");
        problems.getStyleClass().add("state-failed");
        problems.setWrapText(true);
        grid.add(problems, 0, row, 2, 1);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Command.AddOrder[] checked = {null};
        dialog.getDialogPane().lookupButton(ButtonType.OK).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            Map<String, String> texts = new LinkedHashMap<>();
            inputs.forEach((name, input) -> texts.put(name, input.getText()));
            Checked<Command.AddOrder> result = form.check(id.getText(), texts);
            if (result.isFail()) {
                problems.setText(result.problemOption().orElseThrow().message());
                e.consume(); // stays open
            } else {
                checked[0] = result.orThrow();
            }
        });
        return dialog.showAndWait().filter(b -> b == ButtonType.OK).map(b -> checked[0]);
    }
}
