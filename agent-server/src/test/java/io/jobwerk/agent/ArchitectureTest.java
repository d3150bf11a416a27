package io.jobwerk.agent;

import io.jobwerk.testing.ServerArchitectureTest;

/** The architecture rules of {@link ServerArchitectureTest} for this module's main code. */
class ArchitectureTest extends ServerArchitectureTest {

    ArchitectureTest() {
        super("io.jobwerk.agent", AgentDirector.class);
    }
}
