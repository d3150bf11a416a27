package io.jobwerk.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code .deb} that {@code -Pdist} built: its control data and files, and an installation into a
 * throwaway root with dpkg (maintainer scripts run outside a chroot with {@code DPKG_ROOT} set, and
 * then touch nothing outside it), the service scripts answering there, and a purge.
 */
class DebPackageTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @Test
    void theDebHoldsAllRolesTheUnitsAndMaintainerScripts() throws Exception {
        Path deb = deb();
        String info = ok(Installation.run(dir, Map.of(), TIMEOUT, "dpkg-deb", "--info", deb.toString()));
        assertThat(info).contains("Package: jobwerk", "postinst", "prerm", "postrm", "conffiles");
        String contents = ok(Installation.run(dir, Map.of(), TIMEOUT, "dpkg-deb", "--contents", deb.toString()));
        if (jlinked(deb)) {
            assertThat(info).contains("Architecture: amd64", "Depends: procps").doesNotContain("default-jre-headless");
            assertThat(contents).contains("./opt/jobwerk/runtime/bin/java", "./opt/jobwerk/runtime/lib/server/classes.jsa");
        } else {
            assertThat(info).contains("Architecture: all", "Depends: default-jre-headless (>= 2:1.17)");
            assertThat(contents).doesNotContain("./opt/jobwerk/runtime/");
        }
        assertThat(contents).contains("./opt/jobwerk/bin/controller.sh", "./opt/jobwerk/bin/agent.sh", "./opt/jobwerk/bin/subagent.sh",
                "./opt/jobwerk/bin/jobwerk", "./opt/jobwerk/bin/internal/service.sh", "./opt/jobwerk/config/agent.conf",
                "./opt/jobwerk/logs/", "./opt/jobwerk/data/", "./lib/systemd/system/jobwerk-controller.service",
                "./lib/systemd/system/jobwerk-agent.service", "./lib/systemd/system/jobwerk-subagent.service")
                .containsPattern("opt/jobwerk/lib/cli-[^ ]+\\.jar");
        assertThat(contents.lines().filter(l -> l.contains("bin/agent.sh")).findFirst().orElseThrow()).startsWith("-rwxr-xr-x root/root");
    }

    @Test
    void installsIntoAThrowawayRootAndPurgesCleanly() throws Exception {
        Path deb = deb();
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("var/lib/dpkg/info"));
        Files.createDirectories(root.resolve("var/lib/dpkg/updates"));
        Files.createFile(root.resolve("var/lib/dpkg/status"));
        String[] dpkg = {"dpkg", "--root=" + root, "--log=/dev/null", "--force-not-root", "--force-depends", "--force-script-chrootless"};
        String installed = ok(Installation.run(dir, Map.of(), TIMEOUT, concat(dpkg, "-i", deb.toString())));
        assertThat(installed).contains("Setting up jobwerk");
        Path home = root.resolve("opt/jobwerk");
        assertThat(home.resolve("bin/agent.sh")).isExecutable();
        assertThat(root.resolve("lib/systemd/system/jobwerk-agent.service")).content()
                .contains("ExecStart=/opt/jobwerk/bin/agent.sh start", "ExecStop=/opt/jobwerk/bin/agent.sh stop", "User=jobwerk");

        Installation.Result status = Installation.run(home, Map.of(), TIMEOUT, "bash", home.resolve("bin/agent.sh").toString(), "status");
        assertThat(status.exitCode()).as(status.output()).isEqualTo(3);

        ok(Installation.run(dir, Map.of(), TIMEOUT, concat(dpkg, "--purge", "jobwerk")));
        assertThat(home).doesNotExist();
    }

    private static Path deb() throws Exception {
        String target = System.getProperty("jobwerk.dist.target");
        assumeTrue(target != null, "the .deb is built by -Pdist only");
        try (var found = Files.newDirectoryStream(Path.of(target), "jobwerk_*.deb")) {
            return found.iterator().next();
        }
    }

    /** Built with -Djobwerk.jlink=true: the runtime inside, for one architecture. */
    private static boolean jlinked(Path deb) {
        return deb.getFileName().toString().endsWith("_amd64.deb");
    }

    private static String ok(Installation.Result result) {
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output();
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
