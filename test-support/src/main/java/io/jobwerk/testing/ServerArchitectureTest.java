package io.jobwerk.testing;

import org.junit.jupiter.api.Test;

/**
 * {@link ModuleArchitectureTest} and the rules of a server module: routes in its {@code web}
 * package, Undertow known only there and in the wiring class, and {@code web} independent of the
 * server's root package.
 */
public abstract class ServerArchitectureTest extends ModuleArchitectureTest {

    private final Class<?> wiring;

    /** @param wiring the server class that builds the routing ({@code Controller}, {@code AgentDirector}, …) */
    protected ServerArchitectureTest(String basePackage, Class<?> wiring) {
        super(basePackage);
        this.wiring = wiring;
    }

    @Test
    public void routesAreInTheWebPackage() {
        ArchitectureRules.routesOnlyInWeb(basePackage).check(classes());
    }

    @Test
    public void onlyTheWebPackageAndTheWiringKnowUndertow() {
        ArchitectureRules.undertowOnlyInWeb(basePackage, wiring).check(classes());
    }

    @Test
    public void theWebPackageDoesNotDependOnItsServer() {
        ArchitectureRules.webIndependentOfItsServer(basePackage).check(classes());
    }
}
