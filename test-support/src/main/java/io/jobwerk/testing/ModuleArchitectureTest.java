package io.jobwerk.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The {@link ArchitectureRules} every module above the journal checks, for a module's
 * {@code ArchitectureTest} to extend: {@code class ArchitectureTest extends ModuleArchitectureTest
 * { ArchitectureTest() { super("io.jobwerk.runtime"); } }}.
 */
public abstract class ModuleArchitectureTest {

    private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

    protected final String basePackage;

    protected ModuleArchitectureTest(String basePackage) {
        this.basePackage = basePackage;
    }

    /** The module's main classes, read once per test class run. */
    protected final JavaClasses classes() {
        return IMPORTED.computeIfAbsent(basePackage, ArchitectureRules::mainClasses);
    }

    @Test
    public void threadsAndTimeComeFromTheScheduler() {
        ArchitectureRules.threadsAndTimeFromTheScheduler(basePackage).check(classes());
    }

    @Test
    public void packagesHaveNoCycles() {
        ArchitectureRules.noPackageCycles(basePackage).check(classes());
    }
}
