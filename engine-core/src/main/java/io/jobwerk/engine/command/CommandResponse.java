package io.jobwerk.engine.command;

import io.jobwerk.engine.base.Checked;
import java.util.List;

/** What a command answers; JSON {@code {"TYPE":"Accepted"}} etc. as JS7. */
public sealed interface CommandResponse {

    record Accepted() implements CommandResponse {}

    /** {@code AddOrder.Response}: the order id was already in use, so nothing was added. */
    record AddOrderResponse(boolean ignoredBecauseDuplicate) implements CommandResponse {}

    /** {@code BatchResponse}: one response or problem per command, in order. */
    record BatchResponse(List<Checked<CommandResponse>> responses) implements CommandResponse {
        public BatchResponse {
            responses = List.copyOf(responses);
        }
    }

    /** A daily-plan command's answer: the orders it planned, submitted, cancelled or deleted. */
    record DailyPlanResponse(List<String> orderIds) implements CommandResponse {
        public DailyPlanResponse {
            orderIds = List.copyOf(orderIds);
        }
    }

    CommandResponse ACCEPTED = new Accepted();
}
