package io.jobwerk.engine.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed {@code docs/order-states.md} is the rendering of {@link OrderTransitions}. */
class OrderStatesDocTest {

    private static final String REGENERATE = "jobwerk.regenerateDocs";

    @Test
    void committedOrderStatesPageIsTheRenderedTable() throws IOException {
        Path file = docsDirectory().resolve("order-states.md");
        String rendered = OrderTransitionsDoc.markdown();

        if (Boolean.getBoolean(REGENERATE)) {
            Files.writeString(file, rendered, StandardCharsets.UTF_8);
        }

        assertThat(file).as("docs/order-states.md").exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("%s is out of date with OrderTransitions; regenerate it with "
                        + "`mvn -pl engine-core test -Dtest=OrderStatesDocTest -D%s=true` and commit it", file, REGENERATE)
                .isEqualTo(rendered);
    }

    @Test
    void renderingIsPure() {
        assertThat(OrderTransitionsDoc.markdown()).isEqualTo(OrderTransitionsDoc.markdown());
    }

    @Test
    void renderingListsEveryTransitionRow() {
        String markdown = OrderTransitionsDoc.markdown();

        for (OrderTransitions.Transition t : OrderTransitions.transitions()) {
            assertThat(markdown).contains("| " + t.from().typeName() + " | " + t.event().typeName() + " | ");
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
