package io.jobwerk.history;

import io.jobwerk.testing.ArchitectureRules;
import io.jobwerk.testing.ModuleArchitectureTest;
import org.junit.jupiter.api.Test;

/** The architecture rules of {@link ModuleArchitectureTest} for the history's main code, and its routes in {@code web}. */
class ArchitectureTest extends ModuleArchitectureTest {

    ArchitectureTest() {
        super("io.jobwerk.history");
    }

    @Test
    public void routesAreInTheWebPackage() {
        ArchitectureRules.routesOnlyInWeb(basePackage).check(classes());
    }
}
