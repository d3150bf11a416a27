package io.jobwerk.cockpit;

import io.jobwerk.cockpit.connection.ConnectionConf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up the Cockpit system tests share: a {@link DemoSystem} for the test class, in a directory
 * of its own, started before all tests (with the demo orders, if asked) and closed after them, set
 * into the class's static {@code DemoSystem} fields; and the Cockpit each test connects
 * ({@link #connect}) and shows on TestFX's stage, closed after the test.
 *
 * <pre>{@code
 * @RegisterExtension static final DemoSystemExtension demo = DemoSystemExtension.withOrders();
 * static DemoSystem system; // set by demo
 *
 * @Start void start(Stage stage) {
 *     cockpit = demo.connect(DemoSystem.USER, DemoSystem.PASSWORD, conf -> new Cockpit(conf, clock, zone, question -> true));
 *     cockpit.show(stage);
 * }
 * }</pre>
 */
final class DemoSystemExtension implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

    private final boolean withOrders;
    private Path data;
    private DemoSystem system;
    private Cockpit cockpit;

    private DemoSystemExtension(boolean withOrders) {
        this.withOrders = withOrders;
    }

    /** The demo workflows and their orders in every state group. */
    static DemoSystemExtension withOrders() {
        return new DemoSystemExtension(true);
    }

    /** The demo workflows, no orders. */
    static DemoSystemExtension withoutOrders() {
        return new DemoSystemExtension(false);
    }

    DemoSystem system() {
        return system;
    }

    /** Starts the Cockpit {@code cockpit} builds on a connection as {@code user}; it is closed after the test. */
    Cockpit connect(String user, String password, Function<ConnectionConf, Cockpit> cockpit) {
        this.cockpit = cockpit.apply(new ConnectionConf("standalone", system.controllerUri(), user, password)).start();
        return this.cockpit;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        data = Files.createTempDirectory("jobwerk-cockpit-test");
        system = DemoSystem.start(data.resolve("standalone"));
        if (withOrders) {
            system.addOrders(Instant.now());
        }
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == DemoSystem.class) {
                    field.setAccessible(true);
                    field.set(null, system);
                }
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (cockpit != null) {
            cockpit.close();
            cockpit = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (system != null) {
            system.close();
        }
        deleteRecursively(data);
    }

    private static void deleteRecursively(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + directory, e);
        }
    }
}
