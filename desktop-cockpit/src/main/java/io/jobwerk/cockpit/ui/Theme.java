package io.jobwerk.cockpit.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;

/**
 * Light and dark: AtlantaFX's Primer themes as the user-agent stylesheet, and the Cockpit's own
 * {@code cockpit.css} (state colours from the theme's looked-up colours, so both themes keep contrast).
 */
public enum Theme {
    LIGHT, DARK;

    private static final String COCKPIT_CSS = Theme.class.getResource("/io/jobwerk/cockpit/cockpit.css").toExternalForm();

    public void apply(Scene scene) {
        // the binary form: JavaFX reads it without parsing 170 kB of CSS on the first frame
        Application.setUserAgentStylesheet(this == DARK ? new PrimerDark().getUserAgentStylesheetBSS() : new PrimerLight().getUserAgentStylesheetBSS());
        if (!scene.getStylesheets().contains(COCKPIT_CSS)) {
            scene.getStylesheets().add(COCKPIT_CSS);
        }
        scene.getRoot().getStyleClass().removeAll("theme-light", "theme-dark");
        scene.getRoot().getStyleClass().add(this == DARK ? "theme-dark" : "theme-light");
    }
}
