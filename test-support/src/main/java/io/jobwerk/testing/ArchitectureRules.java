package io.jobwerk.testing;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The rules every module above the journal states about its main code (STYLE.md: "Servers are thin
 * adapters", "Time, threads and randomness come through seams"). A module's {@code ArchitectureTest}
 * imports its classes with {@link #mainClasses} and checks the rules that apply to it, each with its
 * reason. (engine-core, scheduler and journal are below this module and state theirs themselves.)
 */
public final class ArchitectureRules {

    private ArchitectureRules() {}

    /**
     * The main classes of the module under test ({@code target/classes}, the tests' working directory
     * being the module's) in the packages under {@code basePackage}. Read from that directory alone,
     * not by scanning the class path, so that a rule costs well under a second.
     */
    public static JavaClasses mainClasses(String basePackage) {
        Path classes = Path.of("target", "classes");
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException("No " + classes.toAbsolutePath() + ": run the test with the module as working directory");
        }
        return new ClassFileImporter()
                .withImportOption(location -> location.contains("/" + basePackage.replace('.', '/') + "/"))
                .importPath(classes);
    }

    /** No {@code Thread.sleep}, no {@code new Thread}, no {@code Executors}: time and threads come from the Scheduler. */
    public static ArchRule threadsAndTimeFromTheScheduler(String basePackage) {
        return noClasses().that().resideInAPackage(basePackage + "..")
                .should().callMethod(Thread.class, "sleep", long.class)
                .orShould().callMethod(Thread.class, "sleep", long.class, int.class)
                .orShould().callMethod(Thread.class, "sleep", java.time.Duration.class)
                .orShould().callConstructorWhere(describe("a constructor of Thread", call -> call.getTargetOwner().isEquivalentTo(Thread.class)))
                .orShould().dependOnClassesThat().belongToAnyOf(java.util.concurrent.Executors.class)
                .because("waits, timers and threads come from the Scheduler (RealScheduler in production, VirtualScheduler in "
                        + "tests), so timeouts and retries are tested in virtual time");
    }

    /** Undertow handlers ({@code *Route}) are in a {@code web} package, and only the wiring class registers them. */
    public static ArchRule routesOnlyInWeb(String basePackage) {
        return classes().that().resideInAPackage(basePackage + "..").and().haveSimpleNameEndingWith("Route")
                .should().resideInAPackage("..web..")
                .because("a server's HTTP edge is one route class per resource in its web package: parse, call, serialise");
    }

    /** Only classes of a {@code web} package and {@code wiring} (the server class that builds the routing) touch Undertow's handlers. */
    public static ArchRule undertowOnlyInWeb(String basePackage, Class<?> wiring) {
        return noClasses().that().resideInAPackage(basePackage + "..").and().resideOutsideOfPackage("..web..")
                .and(describe("are not " + wiring.getSimpleName(), (JavaClass c) -> !c.isEquivalentTo(wiring)
                        && !c.getName().startsWith(wiring.getName() + "$")))
                .should().dependOnClassesThat().resideInAPackage("io.undertow..")
                .because("HTTP stays at the edge: the keeper, drivers and executors do not know the web server");
    }

    /** The web package does not depend on its server's root package (the wiring depends on it: one way only). */
    public static ArchRule webIndependentOfItsServer(String serverPackage) {
        return noClasses().that().resideInAPackage(serverPackage + ".web..")
                .should().dependOnClassesThat().resideInAPackage(serverPackage)
                .because("the wiring (" + serverPackage + ") uses the routes, so routes taking the server's classes would make a "
                        + "cycle; routes get what they need as functions and small interfaces");
    }

    /** The packages under {@code basePackage} depend on each other without cycles. */
    public static ArchRule noPackageCycles(String basePackage) {
        String parent = basePackage.substring(0, basePackage.lastIndexOf('.'));
        return slices().matching(parent + ".(**)").should().beFreeOfCycles()
                .because("a package is a concept; a cycle makes two concepts one");
    }
}
