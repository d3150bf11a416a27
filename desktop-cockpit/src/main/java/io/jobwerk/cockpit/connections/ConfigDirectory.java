package io.jobwerk.cockpit.connections;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the Cockpit keeps the operator's settings: {@code $XDG_CONFIG_HOME/jobwerk/cockpit}
 * ({@code ~/.config/jobwerk/cockpit} without it) on Linux and other Unixes,
 * {@code ~/Library/Application Support/jobwerk/cockpit} on macOS, {@code %APPDATA%\jobwerk\cockpit}
 * on Windows. Pure: the environment, the OS name and the home are given.
 */
public final class ConfigDirectory {
    private ConfigDirectory() {}

    public static Path of(Map<String, String> env, String osName, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            Path base = appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData").resolve("Roaming");
            return base.resolve("jobwerk").resolve("cockpit");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("jobwerk").resolve("cockpit");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        // The XDG spec ignores a relative XDG_CONFIG_HOME.
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".config");
        return base.resolve("jobwerk").resolve("cockpit");
    }

    /** This user's directory on this machine. */
    public static Path current() {
        return of(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }
}
