package io.jobwerk.subagent.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidLogTest {

    @TempDir
    Path dir;

    @Test
    void readNamesTheProcessesStartedAndNotEnded() throws Exception {
        Path file = dir.resolve("pids");
        try (PidLog log = new PidLog(file)) {
            log.started("a", 101, 1000);
            log.started("b", 102, 2000);
            log.started("c", 103, 3000);
            log.ended("b");
        }
        assertThat(PidLog.read(file)).containsExactly(new PidLog.Entry("a", 101, 1000), new PidLog.Entry("c", 103, 3000));
    }

    @Test
    void aNewLogStartsEmpty() throws Exception {
        Path file = dir.resolve("pids");
        try (PidLog log = new PidLog(file)) {
            log.started("a", 101, 1000);
        }
        try (PidLog log = new PidLog(file)) {
            assertThat(PidLog.read(file)).isEmpty();
        }
    }

    @Test
    void manyEndedTasksAreCompactedAwayAndTheRunningOnesKept() throws Exception {
        Path file = dir.resolve("pids");
        try (PidLog log = new PidLog(file)) {
            log.started("kept", 1, 1);
            for (int i = 0; i < 30_000; i++) {
                log.started("t" + i, 10 + i, 5);
                log.ended("t" + i);
            }
            log.started("last", 2, 2);
            assertThat(Files.readAllLines(file).size()).isLessThan(20_000);
        }
        assertThat(PidLog.read(file)).containsExactly(new PidLog.Entry("kept", 1, 1), new PidLog.Entry("last", 2, 2));
    }

    @Test
    void aTornLastLineIsIgnored() throws Exception {
        Path file = dir.resolve("pids");
        Files.writeString(file, "started a 101 1000\nstarted b 10");
        assertThat(PidLog.read(file)).containsExactly(new PidLog.Entry("a", 101, 1000));
    }
}
