package io.jobwerk.engine.command;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.workflow.OrderPreparation;
import io.jobwerk.engine.workflow.OrderPreparation.ValueType;
import io.jobwerk.engine.workflow.Workflow;
import java.util.Map;
import java.util.Optional;

/**
 * Checks an order's arguments against its workflow's {@link OrderPreparation}: every required
 * parameter given, no {@code final} parameter given, no undeclared argument (unless
 * {@code allowUndeclared}), and each value of the declared type, nested lists and objects included.
 * Defaults are not filled in: the order's scope evaluates them later.
 */
final class OrderArgumentChecker {
    private OrderArgumentChecker() {}

    static Checked<Map<String, Value>> check(OrderId orderId, Workflow workflow, Map<String, Value> arguments) {
        OrderPreparation preparation = workflow.orderPreparation();
        String workflowPath = workflow.path().string();
        for (Map.Entry<String, Value> argument : arguments.entrySet()) {
            String name = argument.getKey();
            OrderPreparation.Parameter parameter = preparation.parameters().get(name);
            if (parameter == null) {
                if (!preparation.allowUndeclared()) {
                    return problem("UndeclaredOrderArgument", "Order '" + orderId + "' has the argument '" + name
                            + "' which workflow '" + workflowPath + "' does not declare", orderId, name);
                }
            } else if (parameter.finalValue().isPresent()) {
                return problem("FinalOrderArgument", "Order '" + orderId + "' must not give the argument '" + name
                        + "': workflow '" + workflowPath + "' fixes it as final", orderId, name);
            } else if (parameter.type().isPresent()) {
                Optional<Mismatch> mismatch = mismatch(name, parameter.type().get(), argument.getValue());
                if (mismatch.isPresent()) {
                    return problem("WrongOrderArgumentType", "Argument '" + mismatch.get().path() + "' of order '" + orderId
                            + "' " + mismatch.get().reason(), orderId, name);
                }
            }
        }
        for (Map.Entry<String, OrderPreparation.Parameter> parameter : preparation.parameters().entrySet()) {
            if (parameter.getValue().isRequired() && !arguments.containsKey(parameter.getKey())) {
                return problem("MissingOrderArgument", "Order '" + orderId + "' misses the argument '" + parameter.getKey()
                        + "' required by workflow '" + workflowPath + "'", orderId, parameter.getKey());
            }
        }
        return Checked.ok(arguments);
    }

    /** Where in an argument the value does not fit (e.g. {@code list[2].a}) and why. */
    private record Mismatch(String path, String reason) {}

    private static Optional<Mismatch> mismatch(String path, ValueType type, Value value) {
        if (type instanceof OrderPreparation.Simple simple) {
            return value.typeName().equals(simple.name()) ? Optional.empty() : Optional.of(mustBe(path, simple.name(), value));
        }
        if (type instanceof OrderPreparation.ListType listType) {
            if (!(value instanceof Value.ListValue list)) {
                return Optional.of(mustBe(path, "List", value));
            }
            for (int i = 0; i < list.elements().size(); i++) {
                Optional<Mismatch> m = mismatch(path + "[" + i + "]", listType.elementType(), list.elements().get(i));
                if (m.isPresent()) {
                    return m;
                }
            }
            return Optional.empty();
        }
        OrderPreparation.ObjectType objectType = (OrderPreparation.ObjectType) type;
        if (!(value instanceof Value.ObjectValue object)) {
            return Optional.of(mustBe(path, "Object", value));
        }
        for (Map.Entry<String, ValueType> field : objectType.fields().entrySet()) {
            Value fieldValue = object.fields().get(field.getKey());
            if (fieldValue == null) {
                return Optional.of(new Mismatch(path, "misses the field '" + field.getKey() + "'"));
            }
            Optional<Mismatch> m = mismatch(path + "." + field.getKey(), field.getValue(), fieldValue);
            if (m.isPresent()) {
                return m;
            }
        }
        for (String name : object.fields().keySet()) {
            if (!objectType.fields().containsKey(name)) {
                return Optional.of(new Mismatch(path, "has the undeclared field '" + name + "'"));
            }
        }
        return Optional.empty();
    }

    private static Mismatch mustBe(String path, String typeName, Value value) {
        String article = typeName.startsWith("O") ? "an " : "a ";
        return new Mismatch(path, "must be " + article + typeName + ", not " + value.typeName());
    }

    private static <T> Checked<T> problem(String code, String message, OrderId orderId, String argument) {
        return Checked.fail(Problem.of(code, message, Map.of("orderId", orderId.string(), "argument", argument)));
    }
}
