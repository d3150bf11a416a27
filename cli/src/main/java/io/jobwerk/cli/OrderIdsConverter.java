package io.jobwerk.cli;

import io.jobwerk.engine.order.OrderId;
import picocli.CommandLine;

/** An order id argument (child ids {@code parent|branch} included). */
final class OrderIdsConverter implements CommandLine.ITypeConverter<OrderId> {
    @Override
    public OrderId convert(String value) {
        try {
            return new OrderId(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
