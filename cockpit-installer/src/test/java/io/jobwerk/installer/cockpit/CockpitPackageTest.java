package io.jobwerk.installer.cockpit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Cockpit's installers as {@code -Pdist} built them: the app image started headless (its own
 * launcher and jlinked runtime, Monocle patched into the runtime's javafx.graphics as the Cockpit tests
 * use it on the class path) shows its main window; the .deb's control data and contents; and the .deb
 * installed for real into a throwaway copy of this machine (the server installer's
 * {@code src/test/sh/throwaway-root.sh}: an overlay of / entered with unshare and chroot), where the
 * installed app starts headless and shows its main window, and purged.
 */
class CockpitPackageTest {

    private static final String NAME = "jobwerk-cockpit";

    @TempDir
    Path home;

    @Test
    void thePackagedAppStartsHeadlessAndShowsItsMainWindow() throws Exception {
        Path launcher = appImage().resolve("bin").resolve(NAME);
        assertThat(launcher).isExecutable();
        // a port nobody listens on: the window opens without a Controller and says it is not connected
        Result result = run(Map.of("JAVA_TOOL_OPTIONS", headlessOptions(), "HOME", home.toString()),
                launcher.toString(), "--smoke", "--controller", "http://127.0.0.1:9", "--user", "nobody:nothing");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("jobwerk cockpit: main window shown: Jobwerk Cockpit");
        assertThat(result.output()).as("ControlsFX is let into JavaFX's internals, the scene renders")
                .doesNotContain("IllegalAccessError", "InaccessibleObjectException", "Exception in");
    }

    @Test
    void theAppImageCarriesItsOwnRuntimeWithJavaFxAndTheControlsFxFlags() throws Exception {
        Path app = appImage();
        Path release = app.resolve("lib/runtime/release");
        assertThat(release).content().contains("javafx.controls", "javafx.graphics", "java.sql", "jdk.crypto.ec");
        assertThat(app.resolve("lib/app").resolve(NAME + ".cfg")).content()
                .contains("app.mainclass=io.jobwerk.cockpit.CockpitMain",
                        "--add-exports=javafx.base/com.sun.javafx.event=ALL-UNNAMED",
                        "--add-opens=javafx.controls/javafx.scene.control.skin=ALL-UNNAMED");
        try (Stream<Path> jars = Files.list(app.resolve("lib/app"))) {
            assertThat(jars.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("desktop-cockpit-")).anyMatch(n -> n.startsWith("controlsfx-"))
                    .noneMatch(n -> n.startsWith("javafx-"));
        }
    }

    @Test
    void theDebDependsOnGtkAndInstallsTheAppWithADesktopEntryAndIcon() throws Exception {
        Path deb = deb();
        String info = ok(run(Map.of(), "dpkg-deb", "--info", deb.toString()));
        assertThat(info).contains("Package: " + NAME, "Architecture: amd64", "libgtk-3-0", "postinst", "prerm");
        String contents = ok(run(Map.of(), "dpkg-deb", "--contents", deb.toString()));
        assertThat(contents).contains("./opt/" + NAME + "/bin/" + NAME, "./opt/" + NAME + "/lib/runtime/lib/modules",
                        "./opt/" + NAME + "/lib/" + NAME + ".png", "./opt/" + NAME + "/lib/" + NAME + "-" + NAME + ".desktop")
                .containsPattern("opt/" + NAME + "/lib/app/desktop-cockpit-[^ ]+\\.jar");
        String desktopEntry = ok(run(Map.of(), "sh", "-c",
                "dpkg-deb --fsys-tarfile '" + deb + "' | tar -xO ./opt/" + NAME + "/lib/" + NAME + "-" + NAME + ".desktop"));
        assertThat(desktopEntry).contains("[Desktop Entry]", "Exec=/opt/" + NAME + "/bin/" + NAME, "Icon=/opt/" + NAME + "/lib/" + NAME + ".png");
    }

    @Test
    void theDebInstallsIntoAThrowawayCopyOfThisMachineWhereTheInstalledAppShowsItsMainWindow() throws Exception {
        Path deb = deb();
        Path throwawayRoot = Path.of("../installer/src/test/sh/throwaway-root.sh").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(throwawayRoot), "no " + throwawayRoot);
        assumeTrue(Files.notExists(Path.of("/opt/" + NAME)), "this machine has /opt/" + NAME + " itself");
        // dpkg's --force-depends only for what the Depends line names and this machine lacks (here xdg-utils), said in the output
        String scenario = """
                set -e
                deb='%s'
                missing="$(dpkg-deb -f "$deb" Depends | tr ',' '\\n' | sed 's/([^)]*)//g; s/ //g' | while IFS= read -r alternatives; do
                  [ -z "$alternatives" ] && continue; found=""
                  for p in $(echo "$alternatives" | tr '|' ' '); do
                    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" && found=1
                  done
                  [ -n "$found" ] || echo "$alternatives"
                done | tr '\\n' ' ')"
                echo "missing: ${missing:-none}"
                dpkg -i ${missing:+--force-depends} "$deb" > /tmp/dpkg.out 2>&1 || { cat /tmp/dpkg.out; exit 1; }
                echo "installed: $(dpkg-query -W -f='${Status}' %s)"
                mkdir -p /tmp/cockpit-home
                HOME=/tmp/cockpit-home JAVA_TOOL_OPTIONS='%s' /opt/%s/bin/%s --smoke --controller http://127.0.0.1:9 --user nobody:nothing
                dpkg --purge %s > /dev/null 2>&1
                echo "after purge: $(ls -d /opt/%s 2>/dev/null || echo gone)"
                """.formatted(deb.toAbsolutePath(), NAME, headlessOptions(), NAME, NAME, NAME, NAME);
        Result result = run(Map.of(), "bash", throwawayRoot.toString(), home.resolve("root").toString(), scenario);
        assumeTrue(result.exitCode() != 125, result.output());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("installed: install ok installed", "jobwerk cockpit: main window shown: Jobwerk Cockpit",
                "after purge: gone");
        assertThat(Path.of("/opt/" + NAME)).as("this machine's own root is untouched").doesNotExist();
    }

    private static Path target() {
        String target = System.getProperty("jobwerk.cockpit.target");
        assumeTrue(target != null, "the Cockpit's app image and .deb are built by -Pdist only");
        return Path.of(target);
    }

    private static Path deb() throws IOException {
        try (var found = Files.newDirectoryStream(target(), NAME + "_*_amd64.deb")) {
            var debs = found.iterator();
            assumeTrue(debs.hasNext(), "no .deb: build-cockpit.sh builds it only where fakeroot is installed (apt-get install fakeroot)");
            return debs.next();
        }
    }

    /**
     * Headless JavaFX for the packaged launcher: JVM options reach a jpackage launcher only through
     * JAVA_TOOL_OPTIONS (its arguments go to main), which takes --patch-module only in its '=' form;
     * the screen must hold the 1440x900 window.
     */
    private static String headlessOptions() {
        return String.join(" ", "--patch-module=javafx.graphics=" + monocleJar(), "-Dglass.platform=Monocle",
                "-Dmonocle.platform=Headless", "-Dheadless.geometry=1600x1000-32", "-Dprism.order=sw", "-Djava.awt.headless=true");
    }

    private static Path appImage() {
        Path app = target().resolve("app").resolve(NAME);
        assumeTrue(Files.isDirectory(app), "no app image: build-cockpit.sh needs jlink and jpackage (a full JDK 17+) on the PATH");
        return app;
    }

    private static String monocleJar() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("openjfx-monocle")).findFirst()
                .orElseThrow(() -> new IllegalStateException("openjfx-monocle is not on the test class path"));
    }

    private record Result(int exitCode, String output) {
    }

    private Result run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true);
        builder.environment().putAll(env);
        Path out = Files.createTempFile(home, "run", ".out");
        builder.redirectOutput(out.toFile());
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end within 3 minutes: " + Files.readString(out));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    private static String ok(Result result) {
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output();
    }
}
