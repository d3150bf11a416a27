package io.jobwerk.engine.workflow;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Names;

/** The label of an instruction, usable in positions ({@code startPosition}, {@code stopPositions}) and {@code variable(label=…)}. */
public record Label(String string) implements Comparable<Label> {

    public Label {
        Names.requireName("Label", string);
    }

    public static Checked<Label> checked(String string) {
        return Names.checked(() -> new Label(string));
    }

    @Override
    public int compareTo(Label o) {
        return string.compareTo(o.string);
    }

    @Override
    public String toString() {
        return string;
    }
}
