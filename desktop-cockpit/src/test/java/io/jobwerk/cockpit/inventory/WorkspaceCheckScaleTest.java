package io.jobwerk.cockpit.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A workspace of 300 workflows and 30 locks is checked as a whole on every edit: all of it valid, and
 * one broken reference among them found and laid on its file alone. Prints how long a check takes
 * (measured, not asserted: timings flake on a shared machine).
 */
class WorkspaceCheckScaleTest {

    @Test
    void threeHundredWorkflowsAreCheckedAndTheOneBrokenIsFound() {
        Map<String, String> texts = new TreeMap<>();
        for (int i = 0; i < 30; i++) {
            texts.put("locks/lock-" + i + ".lock.json", "{\"limit\":2}");
        }
        for (int i = 0; i < 300; i++) {
            texts.put("flows/f" + (i % 10) + "/wf-" + i + ".workflow.json", WorkspaceCheckTest.workflow(
                    "[{\"TYPE\":\"Execute.Named\",\"jobName\":\"j\"},{\"TYPE\":\"Lock\",\"demands\":[{\"lockPath\":\"lock-" + (i % 30) + "\",\"count\":1}],"
                            + "\"lockedWorkflow\":{\"instructions\":[{\"TYPE\":\"Execute.Named\",\"jobName\":\"j\"}]}}]"));
        }
        texts.put("flows/f2/wf-42.workflow.json", texts.get("flows/f2/wf-42.workflow.json").replace("lock-12", "lock-missing"));
        var controller = Optional.of(Items.withAgent());
        WorkspaceCheck.check(texts, controller); // warm-up
        long start = System.nanoTime();
        var result = WorkspaceCheck.check(texts, controller);
        long micros = (System.nanoTime() - start) / 1000;
        System.out.printf("WorkspaceCheck of %d files: %d ms%n", texts.size(), micros / 1000);
        assertThat(result.files().values().stream().filter(c -> !c.valid()).map(WorkspaceCheck.FileCheck::file))
                .containsExactly("flows/f2/wf-42.workflow.json");
        assertThat(result.of("flows/f2/wf-42.workflow.json").problems()).singleElement().asString().contains("unknown Lock 'lock-missing'");

        // after an edit of one file, with the others' decodings kept: only that file is decoded again
        WorkspaceCheck.Decodings decodings = new WorkspaceCheck.Decodings();
        WorkspaceCheck.check(texts, controller, decodings);
        texts.put("flows/f2/wf-42.workflow.json", texts.get("flows/f2/wf-42.workflow.json").replace("lock-missing", "lock-12"));
        start = System.nanoTime();
        var again = WorkspaceCheck.check(texts, controller, decodings);
        System.out.printf("WorkspaceCheck of %d files after one file's edit, the others' decodings kept: %d ms%n",
                texts.size(), (System.nanoTime() - start) / 1_000_000);
        assertThat(again.files().values()).allMatch(WorkspaceCheck.FileCheck::valid);
    }
}
