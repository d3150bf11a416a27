package io.jobwerk.engine.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Initialising {@link Outcome} and {@link Outcome.Succeeded} on two threads at once must not deadlock,
 * as it did when the interface held constants of its records (two job processes ending at once in a
 * fresh Subagent JVM). Each round loads the classes anew in a class loader of its own, so each round
 * initialises them for the first time; the join's limit only guards against a deadlock.
 */
class OutcomeInitializationTest {

    @Test
    void outcomeAndSucceededInitialiseConcurrentlyWithoutDeadlock() throws Exception {
        URL[] classPath = {
                Outcome.class.getProtectionDomain().getCodeSource().getLocation(),
                org.pcollections.PMap.class.getProtectionDomain().getCodeSource().getLocation(),
                com.fasterxml.jackson.databind.JsonNode.class.getProtectionDomain().getCodeSource().getLocation(),
                com.fasterxml.jackson.core.JsonParser.class.getProtectionDomain().getCodeSource().getLocation(),
                com.fasterxml.jackson.annotation.JsonProperty.class.getProtectionDomain().getCodeSource().getLocation()};
        for (int round = 0; round < 1000; round++) {
            try (URLClassLoader loader = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
                Class<?> outcome = Class.forName(Outcome.class.getName(), false, loader);
                Class<?> succeeded = Class.forName(Outcome.Succeeded.class.getName(), false, loader);
                CountDownLatch start = new CountDownLatch(1);
                Thread a = new Thread(() -> {
                    await(start);
                    try {
                        outcome.getMethod("succeeded", int.class).invoke(null, 0);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }, "init-outcome");
                Thread b = new Thread(() -> {
                    await(start);
                    try {
                        succeeded.getConstructor(Map.class).newInstance(Map.of());
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }, "init-succeeded");
                a.setDaemon(true);
                b.setDaemon(true);
                a.start();
                b.start();
                start.countDown();
                a.join(20_000);
                b.join(20_000);
                assertThat(a.isAlive() || b.isAlive()).as("deadlocked in round " + round).isFalse();
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
