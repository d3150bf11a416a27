package io.jobwerk.cockpit.connections;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDirectoryTest {

    private static final Path HOME = Path.of("/home/ops");

    @Test
    void linuxUsesXdgConfigHomeElseDotConfig() {
        assertThat(ConfigDirectory.of(Map.of("XDG_CONFIG_HOME", "/cfg"), "Linux", HOME)).isEqualTo(Path.of("/cfg/jobwerk/cockpit"));
        assertThat(ConfigDirectory.of(Map.of(), "Linux", HOME)).isEqualTo(Path.of("/home/ops/.config/jobwerk/cockpit"));
        assertThat(ConfigDirectory.of(Map.of("XDG_CONFIG_HOME", "relative"), "Linux", HOME)).isEqualTo(Path.of("/home/ops/.config/jobwerk/cockpit"));
    }

    @Test
    void macOsUsesApplicationSupport() {
        assertThat(ConfigDirectory.of(Map.of("XDG_CONFIG_HOME", "/cfg"), "Mac OS X", HOME))
                .isEqualTo(Path.of("/home/ops/Library/Application Support/jobwerk/cockpit"));
    }

    @Test
    void windowsUsesAppData() {
        assertThat(ConfigDirectory.of(Map.of("APPDATA", "/appdata"), "Windows 11", HOME)).isEqualTo(Path.of("/appdata/jobwerk/cockpit"));
    }
}
