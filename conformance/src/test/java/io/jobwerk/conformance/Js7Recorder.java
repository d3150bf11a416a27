package io.jobwerk.conformance;

import io.jobwerk.engine.shapes.Shape;
import io.jobwerk.engine.shapes.WorkflowShapes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the shapes on a running JS7 and writes one fixture per case. Runs only when asked:
 * {@code tools/js7-record.sh} starts JS7 and calls it with
 * {@code -Djs7.record.controller=http://127.0.0.1:PORT} and the other properties below.
 *
 * <ul>
 * <li>{@code js7.record.agent}, {@code js7.record.agent2}: the Agents' URIs (without the second, two-Agent shapes are left out)</li>
 * <li>{@code js7.record.out}: the fixture directory (written into, files of recorded cases replaced)</li>
 * <li>{@code js7.record.cases}: a regular expression selecting case names (default all)</li>
 * <li>{@code js7.record.random}: how many random shapes (seeds 1..n) besides the systematic ones (default 1300, as recorded)</li>
 * <li>{@code js7.record.random2}: how many two-Agent random shapes ({@code random2-SEED}, seeds 1..n; default 450, as recorded)</li>
 * <li>{@code js7.record.parallel}: cases run at once (default 8)</li>
 * </ul>
 */
class Js7Recorder {

    @Test
    @EnabledIfSystemProperty(named = "js7.record.controller", matches = ".+")
    void record() throws Exception {
        Path out = Path.of(System.getProperty("js7.record.out"));
        Pattern cases = Pattern.compile(System.getProperty("js7.record.cases", ".*"));
        int random = Integer.parseInt(System.getProperty("js7.record.random", "1300"));
        int random2 = Integer.parseInt(System.getProperty("js7.record.random2", "450"));
        int parallel = Integer.parseInt(System.getProperty("js7.record.parallel", "8"));
        Optional<String> agent2 = Optional.ofNullable(System.getProperty("js7.record.agent2")).filter(s -> !s.isBlank());
        Files.createDirectories(out);

        List<Shape> shapes = new ArrayList<>();
        for (Shape s : WorkflowShapes.all(random, random2)) {
            if (cases.matcher(s.name()).matches() && (agent2.isPresent() || !s.usesTwoAgents())) {
                shapes.add(s);
            }
        }
        try (Js7Engine js7 = new Js7Engine(System.getProperty("js7.record.controller"))) {
            js7.registerAgents(System.getProperty("js7.record.agent"), agent2);
            ShapeRun.Dispatcher dispatcher = new ShapeRun.Dispatcher();
            js7.subscribe(dispatcher::dispatch);
            ShapeRun run = new ShapeRun(js7, dispatcher, 2000, 60_000);
            // the first case waits for the Agents to couple; run it alone
            record(run, shapes.get(0), out);
            AtomicInteger done = new AtomicInteger(1);
            ExecutorService pool = Executors.newFixedThreadPool(parallel);
            List<Future<?>> futures = new ArrayList<>();
            for (Shape shape : shapes.subList(1, shapes.size())) {
                futures.add(pool.submit(() -> {
                    record(run, shape, out);
                    int n = done.incrementAndGet();
                    if (n % 25 == 0) {
                        System.out.println("recorded " + n + " of " + shapes.size());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            System.out.println("recorded " + shapes.size() + " cases into " + out);
        }
    }

    private static void record(ShapeRun run, Shape shape, Path out) throws Exception {
        Fixture fixture;
        try {
            fixture = new Fixture(shape, run.run(shape, null));
        } catch (Exception e) {
            System.out.println("  NOT RECORDED " + shape.name() + ": " + e.getMessage());
            return;
        }
        Files.writeString(out.resolve(shape.name() + ".json"), fixture.print(), StandardCharsets.UTF_8);
        if (fixture.recording().has("restNotReachedWithinMillis")) {
            System.out.println("  " + shape.name() + ": no rest within the time limit");
        }
    }
}
