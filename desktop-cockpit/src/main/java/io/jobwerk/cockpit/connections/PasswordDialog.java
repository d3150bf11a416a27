package io.jobwerk.cockpit.connections;

import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;

/** Asks for a connection's password at connect; "remember" only where an OS keyring exists. */
public final class PasswordDialog implements ConnectionsViewModel.PasswordPrompt {

    private final java.util.function.BooleanSupplier keyring;

    /** @param keyring whether an OS keyring keeps passwords (as known when asked) */
    public PasswordDialog(java.util.function.BooleanSupplier keyring) {
        this.keyring = keyring;
    }

    @Override
    public Optional<Answer> ask(ConnectionProfile profile, String why) {
        PasswordField password = new PasswordField();
        password.setId("askedPassword");
        boolean persistent = keyring.getAsBoolean();
        CheckBox remember = new CheckBox(persistent ? "Remember it in the OS keyring" : "No OS keyring: kept in memory until the Cockpit ends");
        remember.setSelected(persistent);
        remember.setDisable(!persistent);
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Connect to " + profile.name());
        dialog.setHeaderText(why);
        dialog.getDialogPane().setContent(new VBox(8, new Label("Password"), password, remember));
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setOnShown(e -> password.requestFocus());
        return dialog.showAndWait().filter(b -> b == ButtonType.OK)
                .map(b -> new Answer(password.getText(), remember.isSelected()));
    }
}
