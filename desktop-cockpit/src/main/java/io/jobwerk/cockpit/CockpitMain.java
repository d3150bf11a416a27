package io.jobwerk.cockpit;

import java.util.Optional;
import javafx.application.Application;

/**
 * Starts the Cockpit: {@code [--controller URL] [--user NAME[:PASSWORD]] [--name NAME]}, by default
 * the local standalone system as {@code jobwerk demo} starts it ({@code http://127.0.0.1:4444},
 * {@code demo:demo}), or {@code $JOBWERK_CONTROLLER} and {@code $JOBWERK_USER}. That Controller and
 * user choose the saved connection profile with both, or become a new one (named {@code --name} or
 * the host); the other saved connections are listed, to connect with a click. A user without a
 * password takes it from the OS keyring, else is asked in a dialog; a password is never written to
 * the profile file. A plain main class (not the Application), so JavaFX runs from the class path.
 */
public final class CockpitMain {
    private CockpitMain() {}

    public static void main(String[] args) {
        String controller = env("JOBWERK_CONTROLLER", "http://127.0.0.1:4444");
        String user = env("JOBWERK_USER", "demo:demo");
        String name = null;
        String workspace = System.getenv("JOBWERK_WORKSPACE");
        boolean smoke = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ((arg.equals("--controller") || arg.equals("--user") || arg.equals("--name") || arg.equals("--workspace")) && i + 1 < args.length) {
                String value = args[++i];
                switch (arg) {
                    case "--controller" -> controller = value;
                    case "--user" -> user = value;
                    case "--workspace" -> workspace = value;
                    default -> name = value;
                }
            } else if (arg.startsWith("--controller=")) {
                controller = arg.substring("--controller=".length());
            } else if (arg.startsWith("--user=")) {
                user = arg.substring("--user=".length());
            } else if (arg.equals("--smoke")) {
                smoke = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println("Usage: jobwerk cockpit [--controller URL] [--user NAME[:PASSWORD]] [--name NAME] [--workspace DIR]");
                System.out.println("  default: $JOBWERK_CONTROLLER or http://127.0.0.1:4444, $JOBWERK_USER or demo:demo;"
                        + " --workspace: the inventory's folder ($JOBWERK_WORKSPACE);"
                        + " --smoke: print the main window's title once it is shown, then exit (the installers' check)");
                return;
            } else {
                System.err.println("jobwerk cockpit: unknown argument '" + arg + "' (try --help)");
                System.exit(2);
            }
        }
        int colon = user.indexOf(':');
        String userId = colon < 0 ? user : user.substring(0, colon);
        // Without a password here: the OS keyring's, or the Cockpit asks in a dialog (kept in memory only).
        Optional<String> password = colon < 0 ? Optional.empty() : Optional.of(user.substring(colon + 1));
        CockpitApp.target = new CockpitApp.Target(controller, userId, Optional.ofNullable(name), password);
        CockpitApp.workspace = workspace == null || workspace.isBlank() ? null : java.nio.file.Path.of(workspace);
        CockpitApp.smoke = smoke;
        Application.launch(CockpitApp.class, args);
        if (smoke) {
            System.exit(CockpitApp.shown ? 0 : 1); // the HTTP client's pool threads would keep the JVM a while
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
