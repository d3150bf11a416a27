package io.jobwerk.cli;

import io.jobwerk.engine.order.OrderId;
import picocli.CommandLine;

/** An order id argument (child ids {@code parent|branch} included). */
final class OrderIdsConverter implements CommandLine.ITypeConverter<OrderId> {
    @Override
    public OrderId convert(String value) {
        if (value.isEmpty()) {
            throw new CommandLine.TypeConversionException("ORDER is empty (an order id starting with # must be quoted in a shell,"
                    + " e.g. '#2026-12-07#T01-hello')");
        }
        try {
            return new OrderId(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
