package io.jobwerk.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobwerk.engine.state.EngineState;
import io.jobwerk.scheduler.RealScheduler;
import io.jobwerk.scheduler.VirtualScheduler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class PoolRunnerTest {

    /** A checkpoint's entries as the codec writes them: items, a workflow, {@code n} orders on it, a lock state. */
    private static List<Map.Entry<String, byte[]>> checkpoint(int n) {
        List<String> jsons = new ArrayList<>();
        jsons.add("{\"TYPE\":\"Lock\",\"path\":\"L\",\"limit\":1}");
        jsons.add("{\"TYPE\":\"Workflow\",\"path\":\"W\",\"versionId\":\"1\",\"instructions\":[]}");
        jsons.add("{\"TYPE\":\"CurrentWorkflowVersion\",\"workflowId\":{\"path\":\"W\",\"versionId\":\"1\"}}");
        jsons.add("{\"TYPE\":\"LockState\",\"lockPath\":\"L\",\"holders\":[{\"orderId\":\"order-7\"}],\"queue\":[\"order-8\"]}");
        for (int i = 0; i < n; i++) {
            jsons.add("{\"TYPE\":\"Order\",\"id\":\"order-" + i + "\",\"workflowPosition\":{\"workflowId\":{\"path\":\"W\","
                    + "\"versionId\":\"1\"},\"position\":[0]},\"state\":{\"TYPE\":\"Fresh\"},\"arguments\":{\"i\":" + i + "},\"planId\":[]}");
        }
        return IntStream.range(0, jsons.size())
                .mapToObj(i -> Map.entry(EngineJournalCodec.snapshotKey(i), jsons.get(i).getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    @RepeatedTest(3) // fresh threads decoding orders at once each time: a class-initialisation deadlock would hang here
    void aCheckpointDecodedOnThreeThreadsIsTheStateDecodedOnOne() {
        List<Map.Entry<String, byte[]>> entries = checkpoint(20_000);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        PoolRunner pool = new PoolRunner(RealScheduler.instance(), "decode-test", 2);
        EngineJournalCodec parallel = new EngineJournalCodec(tasks -> pool.runAll(tasks.stream()
                .<Runnable>map(t -> () -> {
                    threads.add(Thread.currentThread().getName());
                    t.run();
                }).toList()));

        EngineState onOne = new EngineJournalCodec().fromSnapshot(new ArrayList<>(entries)).orThrow();
        EngineState onThree = parallel.fromSnapshot(new ArrayList<>(entries)).orThrow();

        assertThat(onThree).isEqualTo(onOne);
        assertThat(onThree.orders()).hasSize(20_000);
        assertThat(threads).contains(Thread.currentThread().getName());
    }

    @Test
    void withAVirtualSchedulersPoolTheCallerRunsEveryTaskAndReturnsWithoutTimeMoving() {
        VirtualScheduler scheduler = new VirtualScheduler();
        List<Integer> ran = new ArrayList<>();
        new PoolRunner(scheduler, "virtual", 2).runAll(List.of(() -> ran.add(1), () -> ran.add(2), () -> ran.add(3)));
        assertThat(ran).containsExactly(1, 2, 3);
        scheduler.runUntilIdle(); // the helpers, cancelled, find nothing to do
        assertThat(ran).containsExactly(1, 2, 3);
    }

    @Test
    void aTasksExceptionIsThrownByRunAll() {
        PoolRunner pool = new PoolRunner(RealScheduler.instance(), "failing", 1);
        List<Runnable> tasks = IntStream.range(0, 50).<Runnable>mapToObj(i -> () -> {
            if (i == 37) {
                throw new IllegalArgumentException("task 37");
            }
        }).toList();
        assertThatThrownBy(() -> pool.runAll(tasks)).isInstanceOf(IllegalArgumentException.class).hasMessage("task 37");
    }
}
