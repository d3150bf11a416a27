package io.jobwerk.cockpit.orderdetail;

import io.jobwerk.engine.value.Value;
import java.util.stream.Collectors;

/** A variable's or return value's value as the operator reads it: strings quoted, numbers plain, lists and objects inline. */
final class ValueText {
    private ValueText() {}

    static String of(Value value) {
        return switch (value.kind()) {
            case STRING -> "\"" + ((Value.StringValue) value).string() + "\"";
            case NUMBER -> ((Value.NumberValue) value).number().toPlainString();
            case BOOLEAN -> Boolean.toString(((Value.BooleanValue) value).bool());
            case LIST -> ((Value.ListValue) value).elements().stream().map(ValueText::of).collect(Collectors.joining(", ", "[", "]"));
            case OBJECT -> ((Value.ObjectValue) value).fields().entrySet().stream()
                    .map(e -> e.getKey() + ": " + of(e.getValue())).collect(Collectors.joining(", ", "{", "}"));
            case NULL -> "null";
            case MISSING -> "(missing)";
            case FUNCTION -> "(function)";
        };
    }
}
