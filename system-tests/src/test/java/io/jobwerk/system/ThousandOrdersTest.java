package io.jobwerk.system;

import io.jobwerk.testing.CloseAfterEach;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** 1,000 orders through two short shell jobs on a standalone process: none lost, no step lost or doubled. */
class ThousandOrdersTest {

    private static final int ORDERS = 1000;

    @TempDir
    Path dir;
    private TestSystem system;

    @RegisterExtension
    final CloseAfterEach closing = new CloseAfterEach();

    @Test
    void thousandOrdersFinishEachStepExactlyOnce() throws Exception {
        system = closing.add(TestSystem.standalone(dir));
        system.deployWorkflows(Workflows.SHORT);
        Set<String> ids = IntStream.rangeClosed(1, ORDERS).mapToObj(i -> "bulk-" + i)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        long start = System.nanoTime();
        List<String> all = List.copyOf(ids);
        for (int i = 0; i < ORDERS; i += 250) {
            system.addOrders("test/short", all.subList(i, Math.min(ORDERS, i + 250)));
        }
        system.events().awaitTerminated(ids, Duration.ofSeconds(150));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("%d orders (2 shell steps each) took %.1f s: %.0f orders/s%n", ORDERS, took.toMillis() / 1000.0,
                ORDERS * 1000.0 / took.toMillis());

        EventLog log = system.events();
        for (String id : ids) {
            assertThat(log.count(id, "OrderFinished")).as(id).isEqualTo(1);
            assertThat(log.count(id, "OrderProcessingStarted")).as(id).isEqualTo(2);
            assertThat(log.count(id, "OrderProcessed")).as(id).isEqualTo(2);
            assertThat(log.count(id, "OrderStdoutWritten")).as(id).isEqualTo(1);
            assertThat(log.typesOf(id)).as(id).containsOnlyOnce("OrderAdded", "OrderAttached", "OrderDetached");
        }
        assertThat(took).isLessThan(Duration.ofSeconds(120));

        java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(system.controllerUri() + "/metrics"))
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                                (TestSystem.USER + ":" + TestSystem.PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        // The Prometheus client writes a gauge's value as a double (1000.0): the same value to Prometheus
        assertThat(sample(metrics.body(), "jobwerk_orders{state=\"Finished\"}")).isEqualTo(ORDERS);
        assertThat(sample(metrics.body(), "jobwerk_workflows")).isEqualTo(1);
    }

    private static double sample(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + " ")).map(l -> Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in\n" + metrics));
    }
}
