package io.jobwerk.subagent.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The runner with {@code posix_spawn}, the default on Linux with glibc ≥ 2.34 (as on the machines we build on). */
class PosixSpawnJobProcessRunnerTest extends JobProcessRunnerTest {

    @Override
    ProcessLauncher newLauncher() {
        return PosixSpawnLauncher.open().orElseThrow(() -> new AssertionError("posix_spawn launcher not available here"));
    }

    @Test
    void isTheDefault() {
        try (JobProcessRunner runner = new JobProcessRunner(ProcessConf.of(dir.resolve("default")))) {
            assertThat(runner.launcherName()).isEqualTo("posix_spawn");
        }
    }
}
