package io.jobwerk.runtime;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.jobwerk.testing.ArchitectureRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules of {@link ArchitectureRules} for runtime's main code. */
class ArchitectureTest {

    private static final String BASE = "io.jobwerk.runtime";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = ArchitectureRules.mainClasses(BASE);
    }

    @Test
    void threadsAndTimeComeFromTheScheduler() {
        ArchitectureRules.threadsAndTimeFromTheScheduler(BASE).check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        ArchitectureRules.noPackageCycles(BASE).check(classes);
    }
}
