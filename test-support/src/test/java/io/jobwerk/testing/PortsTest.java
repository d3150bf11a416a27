package io.jobwerk.testing;

import static org.assertj.core.api.Assertions.assertThat;

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
}
