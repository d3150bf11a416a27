package io.jobwerk.engine.workflow;

import java.util.Objects;

/** A stop position as {@code AddOrder} takes it: a position or a label. */
public sealed interface PositionOrLabel permits PositionOrLabel.AtPosition, PositionOrLabel.AtLabel {

    record AtPosition(Position position) implements PositionOrLabel {
        public AtPosition {
            Objects.requireNonNull(position, "position");
        }
    }

    record AtLabel(Label label) implements PositionOrLabel {
        public AtLabel {
            Objects.requireNonNull(label, "label");
        }
    }
}
