package io.jobwerk.engine.item;

import io.jobwerk.engine.value.Value;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One order per start of a schedule (JOC's {@code orderParameterisations}): its name in the order id
 * and its arguments. A schedule without any starts one order named after the schedule.
 */
public record OrderParameterisation(Optional<String> orderName, Map<String, Value> variables, BigDecimal priority,
                                    boolean forceJobAdmission) {

    public OrderParameterisation {
        Objects.requireNonNull(orderName, "orderName");
        variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        Objects.requireNonNull(priority, "priority");
        orderName.ifPresent(n -> {
            if (n.isEmpty() || n.chars().anyMatch(ch -> ch == '#' || ch == '|' || Character.isWhitespace(ch))) {
                throw new IllegalArgumentException("orderName must be non-empty without '#', '|' or spaces, found '" + n + "'");
            }
        });
    }

    public static final OrderParameterisation DEFAULT = new OrderParameterisation(Optional.empty(), Map.of(), BigDecimal.ZERO, false);
}
