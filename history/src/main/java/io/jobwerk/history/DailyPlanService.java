package io.jobwerk.history;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.order.CancellationMode;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.plan.DailyPlanner;
import io.jobwerk.engine.plan.PlannedOrder;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.scheduler.Scheduler;
import io.jobwerk.scheduler.TaskQueue;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The daily-plan service (JOC runs it; here the Controller does, without any desktop open). Once a
 * day at {@link Conf#runAt} (and when the Controller starts) it plans the orders of the schedules
 * with {@code planOrderAutomatically} for today and the next {@code daysAheadPlan - 1} days, and
 * submits those of schedules with {@code submitOrderToControllerWhenPlanned} for the next
 * {@code daysAheadSubmit} days. Operators do the same for any dates with the daily-plan commands.
 *
 * <p>Planning is idempotent: {@link DailyPlanner} gives a start the same key and id every time, and
 * a start planned before keeps its row — also one an operator deleted, so it is not re-created.
 * Submitting adds the planned orders with {@code AddOrders}; one the Controller already has (the
 * Controller stopped between adding and noting it) is only noted.
 */
public final class DailyPlanService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DailyPlanService.class.getName());

    /**
     * @param runAt           when the daily run starts, in {@code zone}
     * @param zone            the zone whose date is "today"
     * @param daysAheadPlan   days planned, today included
     * @param daysAheadSubmit days submitted, today included
     */
    public record Conf(LocalTime runAt, ZoneId zone, int daysAheadPlan, int daysAheadSubmit) {
        public static final Conf DEFAULT = new Conf(LocalTime.MIDNIGHT, ZoneId.of("UTC"), 7, 3);

        public Conf {
            Objects.requireNonNull(runAt, "runAt");
            Objects.requireNonNull(zone, "zone");
            if (daysAheadPlan < 0 || daysAheadSubmit < 0 || daysAheadSubmit > daysAheadPlan) {
                throw new IllegalArgumentException("days ahead must be 0 or more, and no more submitted than planned");
            }
        }
    }

    /** What the service needs of the Controller: its state and its keeper's commands. */
    public interface Engine {
        EngineState state();

        Checked<CommandResponse> execute(Command command) throws Exception;
    }

    /** A row of a day's plan, for {@code GET /controller/api/plan}: {@code planned}, {@code submitted} or {@code finished}. */
    public record PlanEntry(String orderId, String workflowPath, String schedulePath, java.time.Instant scheduledFor, String state) {}

    private final HistoryService history;
    private final DailyPlanStore store;
    private final Conf conf;
    private final Engine engine;
    private final Clock clock;
    private final TaskQueue queue;

    private DailyPlanService(HistoryService history, Conf conf, Engine engine, Scheduler scheduler) {
        this.history = history;
        this.store = new DailyPlanStore(history.database());
        this.conf = conf;
        this.engine = engine;
        this.clock = scheduler.clock();
        this.queue = scheduler.queue("daily-plan");
    }

    static final Duration FIRST_RUN_DELAY = Duration.ofSeconds(2);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    private static final Duration MAX_RETRY = Duration.ofMinutes(10);
    private Duration retryDelay = FIRST_RETRY; // used by the queue's tasks only, one at a time

    /**
     * Starts the service on the history's database: a first run now, then daily at {@code conf.runAt()}.
     * A run that fails (e.g. the database is not ready yet) is tried again after 2 s, doubling up to
     * 10 minutes, but not later than the next daily run. The runs are tasks of a queue of {@code scheduler}.
     */
    public static DailyPlanService start(HistoryService history, Conf conf, Engine engine, Scheduler scheduler) {
        DailyPlanService service = new DailyPlanService(history, conf, engine, scheduler);
        service.queue.schedule(FIRST_RUN_DELAY, service::runDailyAndReschedule);
        return service;
    }

    private void runDailyAndReschedule() {
        Duration delay;
        // the history migrates its database first (a slow start, or a database still away): until then, wait
        if (history.storedEventId() < 0) {
            delay = retryLater();
            LOG.info("The daily plan waits for the history's database" + history.problem().map(p -> " (" + p + ")").orElse("")
                    + ", it runs in " + delay.toSeconds() + " s");
        } else {
            try {
                runDaily();
                retryDelay = FIRST_RETRY;
                delay = untilNextRun();
            } catch (Exception e) {
                delay = retryLater();
                LOG.log(Level.WARNING, "The daily plan's run failed, it is tried again in " + delay.toSeconds() + " s: " + e);
            }
        }
        queue.schedule(delay, this::runDailyAndReschedule); // dropped once closed
    }

    /** The delay before the next try (doubling, at most {@code MAX_RETRY}, never later than the next daily run). */
    private Duration retryLater() {
        Duration delay = retryDelay.compareTo(untilNextRun()) < 0 ? retryDelay : untilNextRun();
        retryDelay = retryDelay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retryDelay.multipliedBy(2);
        return delay;
    }

    private Duration untilNextRun() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(conf.zone()));
        ZonedDateTime next = now.toLocalDate().atTime(conf.runAt()).atZone(conf.zone());
        if (!next.isAfter(now)) {
            next = now.toLocalDate().plusDays(1).atTime(conf.runAt()).atZone(conf.zone());
        }
        return Duration.between(now, next);
    }

    /** The daily run: plans and submits the days ahead for the schedules that ask for it. */
    void runDaily() throws Exception {
        LocalDate today = LocalDate.now(clock.withZone(conf.zone()));
        if (conf.daysAheadPlan() > 0) {
            create(today, today.plusDays(conf.daysAheadPlan() - 1L), Item.PlanSchedule::planOrderAutomatically).orThrow();
        }
        if (conf.daysAheadSubmit() > 0) {
            submit(today, today.plusDays(conf.daysAheadSubmit() - 1L), Item.PlanSchedule::submitOrderToControllerWhenPlanned).orThrow();
        }
    }

    /** Carries out a daily-plan command. */
    public Checked<CommandResponse> execute(Command.DailyPlanCommand command) throws Exception {
        LocalDate from = command.dateFrom();
        LocalDate to = command.dateTo();
        Checked<List<String>> ids = switch (command.kind()) {
            case CREATE_DAILY_PLAN -> create(from, to, s -> true);
            case SUBMIT_DAILY_PLAN -> submit(from, to, s -> true);
            case CANCEL_DAILY_PLAN -> cancel(from, to);
            case DELETE_DAILY_PLAN -> delete(from, to);
            default -> throw new IllegalArgumentException("Not a daily-plan command: " + command.typeName());
        };
        return ids.map(CommandResponse.DailyPlanResponse::new);
    }

    /** The plan of one date: its orders not deleted, by start time. */
    public List<PlanEntry> show(LocalDate date) throws SQLException {
        return store.entries(date, date, List.of(DailyPlanStore.State.planned, DailyPlanStore.State.submitted)).stream()
                .map(e -> new PlanEntry(e.orderId(), e.workflowPath(), e.schedulePath(), e.scheduledFor(),
                        e.state() == DailyPlanStore.State.submitted && e.finished() ? "finished" : e.state().name()))
                .toList();
    }

    /** The starts the deployed schedules would plan on these dates (the calendar's projection), nothing stored. */
    public Checked<List<PlannedOrder>> projections(LocalDate from, LocalDate to) {
        EngineState state = engine.state();
        return DailyPlanner.plan(schedules(state, s -> true), key -> state.item(key), from, to);
    }

    private synchronized Checked<List<String>> create(LocalDate from, LocalDate to, Predicate<Item.PlanSchedule> which) throws SQLException {
        EngineState state = engine.state();
        Checked<List<PlannedOrder>> planned = DailyPlanner.plan(schedules(state, which), key -> state.item(key), from, to);
        if (planned.isFail()) {
            return Checked.fail(planned.problemOption().orElseThrow());
        }
        return Checked.ok(store.insertNew(planned.orThrow(), clock.instant()).stream().map(o -> o.orderId().string()).toList());
    }

    private synchronized Checked<List<String>> submit(LocalDate from, LocalDate to, Predicate<Item.PlanSchedule> which) throws Exception {
        EngineState state = engine.state();
        List<String> wanted = schedules(state, which).stream().map(s -> s.path().string()).toList();
        List<DailyPlanStore.Entry> entries = store.entries(from, to, List.of(DailyPlanStore.State.planned)).stream()
                .filter(e -> wanted.contains(e.schedulePath())).toList();
        if (entries.isEmpty()) {
            return Checked.ok(List.of());
        }
        List<FreshOrder> toAdd = entries.stream().map(DailyPlanStore.Entry::freshOrder)
                .filter(o -> !state.orders().containsKey(o.id())).toList();
        // Added first, noted after: a stop in between leaves orders the next submit finds at the Controller and only notes
        java.time.Instant submittedAt = clock.instant();
        if (!toAdd.isEmpty()) {
            Checked<CommandResponse> added = engine.execute(new Command.AddOrders(toAdd));
            if (added.isFail()) {
                return Checked.fail(added.problemOption().orElseThrow().withPrefix("Submitting the daily plan"));
            }
        }
        store.setState(entries.stream().map(DailyPlanStore.Entry::planKey).toList(), DailyPlanStore.State.submitted, submittedAt);
        return Checked.ok(entries.stream().map(DailyPlanStore.Entry::orderId).toList());
    }

    /** Cancels the submitted orders that have not started (still fresh at the Controller); they are planned again. */
    private synchronized Checked<List<String>> cancel(LocalDate from, LocalDate to) throws Exception {
        EngineState state = engine.state();
        List<DailyPlanStore.Entry> entries = store.entries(from, to, List.of(DailyPlanStore.State.submitted)).stream()
                .filter(e -> {
                    Order order = state.orders().get(new OrderId(e.orderId()));
                    return order == null ? !e.finished() : order.state().kind() == OrderState.Kind.FRESH;
                }).toList();
        List<OrderId> fresh = entries.stream().map(e -> new OrderId(e.orderId())).filter(state.orders()::containsKey).toList();
        if (!fresh.isEmpty()) {
            Checked<CommandResponse> cancelled = engine.execute(new Command.CancelOrders(fresh, new CancellationMode.FreshOnly()));
            if (cancelled.isFail()) {
                return Checked.fail(cancelled.problemOption().orElseThrow().withPrefix("Cancelling the daily plan"));
            }
        }
        store.setState(entries.stream().map(DailyPlanStore.Entry::planKey).toList(), DailyPlanStore.State.planned, clock.instant());
        return Checked.ok(entries.stream().map(DailyPlanStore.Entry::orderId).toList());
    }

    /** Removes the planned (not submitted) orders; their rows stay as removed, so planning again does not re-create them. */
    private synchronized Checked<List<String>> delete(LocalDate from, LocalDate to) throws SQLException {
        List<DailyPlanStore.Entry> entries = store.entries(from, to, List.of(DailyPlanStore.State.planned));
        store.setState(entries.stream().map(DailyPlanStore.Entry::planKey).toList(), DailyPlanStore.State.removed, clock.instant());
        return Checked.ok(entries.stream().map(DailyPlanStore.Entry::orderId).toList());
    }

    private static List<Item.PlanSchedule> schedules(EngineState state, Predicate<Item.PlanSchedule> which) {
        return state.items().values().stream().filter(Item.PlanSchedule.class::isInstance).map(Item.PlanSchedule.class::cast)
                .filter(which).sorted(java.util.Comparator.comparing(s -> s.path().string())).toList();
    }

    @Override
    public void close() {
        queue.close();
    }

    static Problem problem(SQLException e) {
        return Problem.of("ServiceUnavailable", "The daily plan's database cannot be used: " + e.getMessage());
    }
}
