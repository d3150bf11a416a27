package io.jobwerk.journal;

import static io.jobwerk.journal.TestJournals.increments;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalDumpTest {
    @TempDir
    Path dir;

    @Test
    void printsEachEventAsOneJsonLine() throws Exception {
        long after;
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, JournalConf.of("Primary"))) {
            journal.persist(increments("A", "t1", 2)).join();
            after = journal.lastEventId();
            journal.persist(increments("B", "t2", 1)).join();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = JournalDump.run(new String[]{dir.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(rc).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(lines.get(2)).get("Key").asText()).isEqualTo("B");
        assertThat(json.readTree(lines.get(2)).get("TYPE").asText()).isEqualTo("Incremented");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("\"nodeId\":\"Primary\"");

        ByteArrayOutputStream afterOut = new ByteArrayOutputStream();
        JournalDump.run(new String[]{dir.toString(), "--after", Long.toString(after)},
                new PrintStream(afterOut, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertThat(afterOut.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
    }

    @Test
    void missingDirectoryExitsWithOne() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = JournalDump.run(new String[]{dir.resolve("nothing").toString()}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("does not exist");
    }
}
