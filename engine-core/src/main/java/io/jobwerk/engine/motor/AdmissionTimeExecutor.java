package io.jobwerk.engine.motor;

import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.time.AdmissionTimeScheme;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Workflow;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * {@code AdmissionTime}: inside an admission interval the order enters the block (done by the
 * {@link Mover}); otherwise it waits ({@code OrderWaitingForAdmission(until = next start)}).
 * {@code skipIfNoAdmissionStartForOrderDay}: the order's day is the local date (workflow zone) of
 * its {@code scheduledFor}, else of now; when no interval starts on that day the block is skipped.
 */
final class AdmissionTimeExecutor {
    private AdmissionTimeExecutor() {}

    static List<OrderEvent> execute(Step step, Instruction.AdmissionTime instruction) {
        Optional<AdmissionTimeScheme.Interval> next = instruction.admissionTimeScheme()
                .currentOrNextInterval(step.ctx().now(), step.workflow().timeZone());
        if (next.isEmpty()) {
            return step.failWith(Problem.of("NoAdmission", "AdmissionTime at " + step.position() + " has no admission period"));
        }
        return List.of(new OrderEvent.OrderWaitingForAdmission(next.get().start()));
    }

    static boolean skipsForOrderDay(MotorContext ctx, Order order, Workflow workflow, Instruction.AdmissionTime instruction) {
        if (!instruction.skipIfNoAdmissionStartForOrderDay()) {
            return false;
        }
        ZoneId zone = workflow.timeZone();
        LocalDate day = order.scheduledFor().orElse(ctx.now()).atZone(zone).toLocalDate();
        var startOfDay = day.atStartOfDay(zone).toInstant();
        var startOfNextDay = day.plusDays(1).atStartOfDay(zone).toInstant();
        AdmissionTimeScheme scheme = instruction.admissionTimeScheme();
        var t = startOfDay;
        for (int i = 0; i < 10; i++) {
            Optional<AdmissionTimeScheme.Interval> interval = scheme.currentOrNextInterval(t, zone);
            if (interval.isEmpty() || !interval.get().start().isBefore(startOfNextDay)) {
                return true;
            }
            if (!interval.get().start().isBefore(startOfDay)) {
                return false;
            }
            t = interval.get().end();
        }
        return true;
    }
}
