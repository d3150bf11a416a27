package io.jobwerk.cockpit;

import io.jobwerk.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The Cockpit's threads come from the Scheduler, as the servers' do. Not yet its packages free of
 * cycles ({@link io.jobwerk.testing.ModuleArchitectureTest}): the views and their view models still
 * refer to each other across packages.
 */
class ArchitectureTest {

    @Test
    void threadsAndTimeComeFromTheScheduler() {
        ArchitectureRules.threadsAndTimeFromTheScheduler("io.jobwerk.cockpit").check(ArchitectureRules.mainClasses("io.jobwerk.cockpit"));
    }
}
