package io.jobwerk.harness;

import io.jobwerk.testing.ModuleArchitectureTest;

/** The architecture rules of {@link ModuleArchitectureTest} for this module's main code. */
class ArchitectureTest extends ModuleArchitectureTest {

    ArchitectureTest() {
        super("io.jobwerk.harness");
    }
}
