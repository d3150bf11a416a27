package io.jobwerk.engine.value;

/**
 * A {@link Value}'s type name. A super-interface of its own, without fields, so that creating a value
 * never initialises {@code Value}, whose constants create values: a default method there made two
 * threads deadlock in class initialisation (one creating a {@code BooleanValue}, one initialising {@code Value}).
 */
public interface ValueTypeName {

    Value.Kind kind();

    /** The type's name as error messages and {@code orderPreparation} parameter types spell it. */
    default String typeName() {
        return switch (kind()) {
            case STRING -> "String";
            case NUMBER -> "Number";
            case BOOLEAN -> "Boolean";
            case LIST -> "List";
            case OBJECT -> "Object";
            case NULL -> "Null";
            case MISSING -> "Missing";
            case FUNCTION -> "Function";
        };
    }
}
