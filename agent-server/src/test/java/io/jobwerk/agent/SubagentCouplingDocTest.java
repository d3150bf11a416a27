package io.jobwerk.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed {@code docs/subagent-coupling.md} is the rendering of {@link SubagentCouplingTable}. */
class SubagentCouplingDocTest {

    private static final String REGENERATE = "jobwerk.regenerateDocs";

    @Test
    void committedCouplingPageIsTheRenderedTable() throws IOException {
        Path file = docsDirectory().resolve("subagent-coupling.md");
        String rendered = SubagentCouplingDoc.markdown();

        if (Boolean.getBoolean(REGENERATE)) {
            Files.writeString(file, rendered, StandardCharsets.UTF_8);
        }

        assertThat(file).as("docs/subagent-coupling.md").exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("%s is out of date with SubagentCouplingTable; regenerate it with "
                        + "`mvn -pl agent-server -am test -Dtest=SubagentCouplingDocTest -Dsurefire.failIfNoSpecifiedTests=false -D%s=true` and commit it", file, REGENERATE)
                .isEqualTo(rendered);
    }

    @Test
    void renderingListsEveryRow() {
        String markdown = SubagentCouplingDoc.markdown();

        for (SubagentCouplingTable.Row row : SubagentCouplingTable.rows()) {
            assertThat(markdown).contains("| " + SubagentCouplingDoc.name(row.from()) + " | " + SubagentCouplingDoc.name(row.trigger()) + " | ");
        }
    }

    /** The nearest directory upwards from the working directory that contains {@code docs/}. */
    private static Path docsDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs"))) {
                return dir.resolve("docs");
            }
        }
        throw new AssertionError("No docs/ directory above " + Path.of("").toAbsolutePath());
    }
}
