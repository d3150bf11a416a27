package io.jobwerk.engine.workflow;

import io.jobwerk.engine.value.expression.Expr;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The parameters an order of a workflow may or must supply. An order must supply each parameter
 * without default; types must match; a {@code final} parameter cannot be given by the order;
 * undeclared arguments are rejected unless {@code allowUndeclared}.
 */
public record OrderPreparation(Map<String, Parameter> parameters, boolean allowUndeclared) {

    public static final OrderPreparation DEFAULT = new OrderPreparation(Map.of(), false);

    public OrderPreparation {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public boolean isDefault() {
        return parameters.isEmpty() && !allowUndeclared;
    }

    /** A parameter: required (no default), optional (with default) or final (fixed by the workflow). */
    public record Parameter(Optional<ValueType> type, Optional<Expr> defaultValue, Optional<Expr> finalValue) {
        public Parameter {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(defaultValue, "defaultValue");
            Objects.requireNonNull(finalValue, "finalValue");
            if (defaultValue.isPresent() && finalValue.isPresent()) {
                throw new IllegalArgumentException("A parameter cannot have both 'default' and 'final'");
            }
            if (finalValue.isEmpty() && type.isEmpty()) {
                throw new IllegalArgumentException("A parameter needs a 'type' unless it is 'final'");
            }
        }

        public boolean isRequired() {
            return defaultValue.isEmpty() && finalValue.isEmpty();
        }
    }

    /** The type of a parameter: String, Number, Boolean, List of a type, Object of named field types. */
    public sealed interface ValueType permits Simple, ListType, ObjectType {}

    public enum Simple implements ValueType { String, Number, Boolean }

    public record ListType(ValueType elementType) implements ValueType {
        public ListType {
            Objects.requireNonNull(elementType, "elementType");
        }
    }

    public record ObjectType(Map<String, ValueType> fields) implements ValueType {
        public ObjectType {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /** Names of all declared parameters, in declaration order. */
    public List<String> names() {
        return List.copyOf(parameters.keySet());
    }
}
