package io.jobwerk.subagent.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TreeKillerTest {

    @Test
    void theProcessTableNamesTheChildrenOfEachProcess() throws Exception {
        Process child = new ProcessBuilder("/bin/sh", "-c", "sleep 30 & wait").start();
        try {
            long grandchild = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (grandchild < 0 && System.nanoTime() < deadline) {
                grandchild = TreeKiller.childrenByParent().getOrDefault(child.pid(), java.util.List.of()).stream().findFirst().orElse(-1L);
                Thread.sleep(10);
            }
            assertThat(TreeKiller.childrenByParent().get(ProcessHandle.current().pid())).contains(child.pid());
            assertThat(ProcessHandle.of(grandchild).flatMap(ProcessHandle::parent).map(ProcessHandle::pid)).contains(child.pid());
        } finally {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly().waitFor();
        }
    }
}
