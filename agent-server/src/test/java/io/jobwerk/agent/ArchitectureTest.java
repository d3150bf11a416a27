package io.jobwerk.agent;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.jobwerk.testing.ArchitectureRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules of {@link ArchitectureRules} for agent-server's main code. */
class ArchitectureTest {

    private static final String BASE = "io.jobwerk.agent";
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

    @Test
    void routesAreInTheWebPackage() {
        ArchitectureRules.routesOnlyInWeb(BASE).check(classes);
    }

    @Test
    void onlyTheWebPackageAndTheWiringKnowUndertow() {
        ArchitectureRules.undertowOnlyInWeb(BASE, AgentDirector.class).check(classes);
    }

    @Test
    void theWebPackageDoesNotDependOnItsServer() {
        ArchitectureRules.webIndependentOfItsServer(BASE).check(classes);
    }
}
