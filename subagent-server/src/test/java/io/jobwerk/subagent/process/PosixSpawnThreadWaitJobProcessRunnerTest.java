package io.jobwerk.subagent.process;

/** The runner with {@code posix_spawn} where no pidfd can be had (descriptors exhausted): a thread waits for each process. */
class PosixSpawnThreadWaitJobProcessRunnerTest extends JobProcessRunnerTest {

    @Override
    ProcessLauncher newLauncher() {
        return PosixSpawnLauncher.open(false).orElseThrow(() -> new AssertionError("posix_spawn launcher not available here"));
    }
}
