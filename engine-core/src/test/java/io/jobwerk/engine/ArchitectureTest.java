package io.jobwerk.engine;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine core is pure: no I/O, no threads, no clock, no randomness, no environment. Time and
 * randomness are passed in through seams, so that recovery (replaying the journal) and tests compute
 * exactly what live operation computed. STYLE.md, "One pure core".
 */
class ArchitectureTest {

    private static final String CORE = "io.jobwerk.engine..";
    private static final String PURE = "the engine core is pure: recovery replays events through the same code, "
            + "and tests must be deterministic";

    private static JavaClasses core;

    @BeforeAll
    static void importMainClasses() {
        // the module's own classes from target/classes (the tests' working directory is the module's), not a class-path scan
        core = new ClassFileImporter().importPath(java.nio.file.Path.of("target", "classes"));
    }

    @Test
    void noSealedInterfaceWithConstantsHasDefaultMethods() {
        // A class's initialisation initialises the super-interfaces that have default methods. If such an
        // interface's constants create its own implementations, one thread creating an implementation and
        // another initialising the interface wait for each other for good (the standalone's two recoveries did).
        ArchRule rule = classes().that().areInterfaces()
                .and(describe("are sealed and have constants (instances of their own variants)", c -> c.reflect().isSealed() && !c.getFields().isEmpty()))
                .should(new com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaClass>("declare no default method") {
                    @Override
                    public void check(com.tngtech.archunit.core.domain.JavaClass c, com.tngtech.archunit.lang.ConditionEvents events) {
                        c.getMethods().stream()
                                .filter(m -> !m.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT)
                                        && !m.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.STATIC))
                                .forEach(m -> events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(m, m.getFullName() + " is a default method")));
                    }
                });
        rule.check(core);
    }

    @Test
    void coreDoesNoBlockingIo() {
        ArchRule rule = noClasses().that().resideInAPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio.file..")
                .because("I/O belongs to the server adapters (journal, web); " + PURE);
        rule.check(core);
    }

    @Test
    void coreDoesNoNetworking() {
        ArchRule rule = noClasses().that().resideInAPackage(CORE)
                .should().dependOnClassesThat().resideInAPackage("java.net..")
                .because("peers are reached by *Driver classes in the server modules; " + PURE);
        rule.check(core);
    }

    @Test
    void coreStartsNoThreads() {
        ArchRule rule = noClasses().that().resideInAPackage(CORE)
                .should().dependOnClassesThat(describe("are threads, executors or futures", c ->
                        c.isEquivalentTo(Thread.class)
                                || c.getName().matches("java\\.util\\.concurrent\\.(Executor.*|.*ExecutorService"
                                + "|ThreadPoolExecutor|ScheduledThreadPoolExecutor|ForkJoinPool|CompletableFuture|ThreadFactory)")))
                .because("concurrency lives in the *Motor/*Keeper loops of the servers, behind a scheduler seam "
                        + "with a virtual-time fake; " + PURE);
        rule.check(core);
    }

    private static final Set<String> TIME_TYPES = Set.of("java.time.Instant", "java.time.LocalDateTime",
            "java.time.ZonedDateTime", "java.time.OffsetDateTime", "java.time.LocalDate", "java.time.LocalTime");

    @Test
    void coreCallsNoNowOfTimeTypes() {
        ArchRule rule = noClasses().that().resideInAPackage(CORE)
                .should().callMethodWhere(describe("now() of a java.time type", (JavaCall<?> call) ->
                        call.getName().equals("now") && TIME_TYPES.contains(call.getTargetOwner().getName())))
                .because("the current time is passed in (a Clock seam at the edge); " + PURE);
        rule.check(core);
    }

    @Test
    void coreUsesNoClock() {
        ArchRule rule = noClasses().that().resideInAPackage(CORE)
                .should().dependOnClassesThat().belongToAnyOf(java.time.Clock.class, java.time.InstantSource.class)
                .because("the current time is passed in as an Instant, not fetched from a Clock; " + PURE);
        rule.check(core);
    }

    @Test
    void coreReadsNoSystemTime() {
        ArchRule rule = noClasses().that().resideInAPackage(CORE)
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .because("the current time is passed in; " + PURE);
        rule.check(core);
    }

    @Test
    void coreReadsNoEnvironment() {
        ArchRule rule = noClasses().that().resideInAPackage(CORE)
                .should().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class)
                .orShould().callMethod(System.class, "getProperty", String.class)
                .orShould().callMethod(System.class, "getProperty", String.class, String.class)
                .because("configuration comes in as *Conf records; a journal replayed elsewhere must give the same state");
        rule.check(core);
    }

    @Test
    void coreUsesNoRandomness() {
        ArchRule rule = noClasses().that().resideInAPackage(CORE)
                .should().callMethod(Math.class, "random")
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .orShould().dependOnClassesThat().belongToAnyOf(java.util.Random.class,
                        java.util.concurrent.ThreadLocalRandom.class, java.security.SecureRandom.class)
                .because("randomness comes through a seam so that a test can fix it; " + PURE);
        rule.check(core);
    }

    @Test
    void coreDependsOnlyOnJdkJacksonAndPcollections() {
        ArchRule rule = classes().that().resideInAPackage(CORE)
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java..", "com.fasterxml.jackson..", "org.pcollections..", "io.jobwerk.engine..")
                .because("engine-core is shared by Controller, Agent, CLI and Cockpit; servers, storage and UI "
                        + "libraries stay in their modules");
        rule.check(core);
    }

    /**
     * One concept per package, in one order: {@code base}, {@code value} (and {@code value.expression} on it),
     * {@code event}, {@code path} (the items' names), {@code outcome}, {@code time}, {@code calendar}, {@code job},
     * {@code workflow}, {@code board} (notices), {@code order}, {@code item} (the catalogue, naming workflows),
     * {@code lock}, {@code state}, then {@code motor}, {@code command}, {@code json} and the rest on top.
     */
    @Test
    void corePackagesHaveNoCycles() {
        slices().matching("io.jobwerk.engine.(**)").should().beFreeOfCycles()
                .because("a package is a concept (order, workflow, motor, json); a cycle makes two concepts one and hides "
                        + "which one the others build on")
                .check(core);
    }
}
