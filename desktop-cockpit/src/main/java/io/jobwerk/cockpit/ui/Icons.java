package io.jobwerk.cockpit.ui;

import org.kordamp.ikonli.javafx.FontIcon;

/** Font icons (Ikonli, Material Design 2) whose colour comes from the stylesheet's classes. */
public final class Icons {
    private Icons() {}

    public static FontIcon icon(String literal, String... styleClasses) {
        FontIcon icon = new FontIcon(literal);
        icon.getStyleClass().addAll(styleClasses);
        return icon;
    }
}
