package io.jobwerk.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PortsTest {

    private static final Ports.Range ALL = Ports.Range.BELOW_EPHEMERAL;

    @Test
    void oneJvmHasTheWholeRange() {
        assertThat(ALL.slice(1, 1)).isEqualTo(ALL);
    }

    @Test
    void twoJvmsHaveDisjointHalvesInsideTheRange() {
        Ports.Range first = ALL.slice(1, 2);
        Ports.Range second = ALL.slice(2, 2);
        assertThat(first.lowest()).isEqualTo(ALL.lowest());
        assertThat(second.lowest()).isEqualTo(first.highest() + 1);
        assertThat(second.highest()).isLessThanOrEqualTo(ALL.highest());
        assertThat(second.highest() - second.lowest()).isEqualTo(first.highest() - first.lowest()).isGreaterThan(6000);
    }

    @Test
    void aForkNumberBeyondTheCountWrapsAround() {
        // surefire numbers forks from 1 up; with reuseForks=false the numbers keep counting past forkCount
        assertThat(ALL.slice(3, 2)).isEqualTo(ALL.slice(1, 2));
    }

    @Test
    void freePortsComeFromThisJvmsRange() {
        int port = Ports.free();
        assertThat(port).isBetween(ALL.lowest(), ALL.highest());
    }

    @Test
    void aPortAnotherJvmReservedIsNotTakenHereUntilThatJvmEnds() throws Exception {
        int port = 20_000 + (int) (ProcessHandle.current().pid() % 5_000); // below both forks' slices' ends
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), HoldPort.class.getName(),
                Integer.toString(port)).redirectErrorStream(true).start();
        try {
            String answer = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(answer).isEqualTo("reserved " + port);
            assertThat(Ports.reserve(port)).as("held by the other JVM").isFalse();
        } finally {
            other.destroyForcibly().waitFor();
        }
        assertThat(Ports.reserve(port)).as("the other JVM ended, its lock with it").isTrue();
    }

    /** The other JVM: reserves the port it is given, says so, and holds it until killed. */
    static final class HoldPort {
        public static void main(String[] args) throws InterruptedException {
            int port = Integer.parseInt(args[0]);
            System.out.println((Ports.reserve(port) ? "reserved " : "refused ") + port);
            Thread.sleep(60_000);
        }
    }
}
