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
 * The {@code .deb} that {@code -Pdist} built: its control data and files; an installation into a
 * throwaway root with dpkg (maintainer scripts run outside a chroot with {@code DPKG_ROOT} set, and
 * then touch nothing outside it), the service scripts answering there, and a purge; and an
 * installation for real into a throwaway copy of this machine (an overlay of / entered with unshare
 * and chroot, {@code src/test/sh/throwaway-root.sh}): the maintainer scripts' user and owners, the
 * units, the Controller started from there as that user, answering, stopped, and the purge.
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

    @Test
    void installsForRealIntoAThrowawayCopyOfThisMachineWhereTheControllerStartsAsItsUser() throws Exception {
        Path deb = deb();
        assumeTrue(Files.notExists(Path.of("/opt/jobwerk")), "this machine has /opt/jobwerk itself");
        String scenario = """
                set -e
                dpkg -i '%s' > /tmp/dpkg.out 2>&1 || { cat /tmp/dpkg.out; exit 1; }
                cat /tmp/dpkg.out
                echo "user: $(getent passwd jobwerk)"
                echo "owners: $(stat -c '%%n %%U:%%G %%a' /opt/jobwerk/data /opt/jobwerk/logs /opt/jobwerk/config/controller-users.conf | tr '\\n' ' ')"
                echo "units: $(ls /lib/systemd/system | grep jobwerk | tr '\\n' ' ')"
                printf 'OPTIONS="--host 127.0.0.1 --port 0 --user admin:secret --agent-user controller:pw --no-fsync"\\n' > /opt/jobwerk/config/controller.conf
                started="$(runuser -u jobwerk -- /opt/jobwerk/bin/controller.sh start)"; echo "$started"
                port="$(echo "$started" | grep -o '127\\.0\\.0\\.1:[0-9]*' | head -1 | cut -d: -f2)"
                echo "api: $(curl -sf -u admin:secret "http://127.0.0.1:$port/controller/api")"
                runuser -u jobwerk -- /opt/jobwerk/bin/controller.sh stop --timeout=10
                echo "data: $(ls /opt/jobwerk/data | tr '\\n' ' ')"
                runuser -u jobwerk -- /opt/jobwerk/bin/controller.sh status || echo "status: $?"
                dpkg --purge jobwerk > /dev/null 2>&1
                echo "after purge: user $(getent passwd jobwerk || echo none), home $(ls -d /opt/jobwerk 2>/dev/null || echo gone)"
                """.formatted(deb.toAbsolutePath());
        Installation.Result result = Installation.run(dir, Map.of(), Duration.ofMinutes(4), "bash", throwawayRoot().toString(),
                dir.resolve("root").toString(), scenario);
        assumeTrue(result.exitCode() != 125, result.output());
        String out = ok(result);
        assertThat(out).contains("Setting up jobwerk", "user: jobwerk:x:", "/opt/jobwerk/data jobwerk:jobwerk",
                        "/opt/jobwerk/logs jobwerk:jobwerk", "/opt/jobwerk/config/controller-users.conf root:jobwerk 640",
                        "units: jobwerk-agent.service jobwerk-controller.service jobwerk-subagent.service",
                        "jobwerk controller: started", "api: {\"id\":\"Controller\"", "jobwerk controller: stopped",
                        "status: 3", "after purge: user none, home gone")
                .containsPattern("data: .*controller-cds-[^ ]+\\.jsa");
        assertThat(Path.of("/opt/jobwerk")).as("this machine's own root is untouched").doesNotExist();
    }

    private static Path throwawayRoot() {
        return Path.of(System.getProperty("jobwerk.dist.files")).resolveSibling("test/sh/throwaway-root.sh");
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
