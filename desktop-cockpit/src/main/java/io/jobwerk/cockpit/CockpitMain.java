package io.jobwerk.cockpit;

import io.jobwerk.cockpit.connection.ConnectionConf;
import java.io.Console;
import javafx.application.Application;

/**
 * Starts the Cockpit: {@code [--controller URL] [--user NAME[:PASSWORD]] [--name NAME]}, by default
 * the local standalone system as {@code jobwerk demo} starts it ({@code http://127.0.0.1:4444},
 * {@code demo:demo}), or {@code $JOBWERK_CONTROLLER} and {@code $JOBWERK_USER}. A user without a
 * password is asked for it on the console; the password is never written anywhere. A plain main
 * class (not the Application), so JavaFX runs from the class path.
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
        String password;
        if (colon >= 0) {
            password = user.substring(colon + 1);
        } else {
            Console console = System.console();
            if (console == null) {
                System.err.println("jobwerk cockpit: --user " + userId + " without a password, and no console to ask for it");
                System.exit(2);
                return;
            }
            password = new String(console.readPassword("Password of %s at %s: ", userId, controller));
        }
        CockpitApp.conf = new ConnectionConf(name != null ? name : hostOf(controller), controller, userId, password);
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

    private static String hostOf(String uri) {
        return uri.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
    }
}
