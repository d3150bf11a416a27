package io.jobwerk.cockpit.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.cockpit.connection.CommandSender;
import io.jobwerk.cockpit.connection.ControllerReads;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The daily plan: a month of days with their counts (planned, submitted, finished from
 * {@code GET /controller/api/plan?date=}, and the projection of days not planned yet from
 * {@code /plan/projections}), the orders of the chosen day, and the four commands for a day or a
 * range of days ({@code CreateDailyPlan}, {@code SubmitDailyPlan}, {@code CancelDailyPlan},
 * {@code DeleteDailyPlan}), each described first so the operator confirms what it affects.
 */
public final class DailyPlanViewModel {

    /** What the operator can do with a day's (or days') plan. */
    public enum Action {
        CREATE("Plan", "mdoal-event_note"), SUBMIT("Submit", "mdomz-send"), CANCEL("Cancel", "mdoal-cancel"), DELETE("Delete", "mdoal-delete");

        private final String label;
        private final String icon;

        Action(String label, String icon) {
            this.label = label;
            this.icon = icon;
        }

        public String label() {
            return label;
        }

        public String icon() {
            return icon;
        }

        /** The command it sends. */
        public Command.Kind kind() {
            return switch (this) {
                case CREATE -> Command.Kind.CREATE_DAILY_PLAN;
                case SUBMIT -> Command.Kind.SUBMIT_DAILY_PLAN;
                case CANCEL -> Command.Kind.CANCEL_DAILY_PLAN;
                case DELETE -> Command.Kind.DELETE_DAILY_PLAN;
            };
        }
    }

    private final ControllerReads reads;
    private final CommandSender commands;
    private final UiThread ui;
    private final ZoneId zone;
    private final Clock clock;
    private final ObjectProperty<YearMonth> month;
    private final ObjectProperty<LocalDate> selected;
    private final ObjectProperty<LocalDate> rangeEnd;
    private final ObservableList<PlanDay> days = FXCollections.observableArrayList();
    private final ObservableList<PlanEntry> dayOrders = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<PlanDay> today = new ReadOnlyObjectWrapper<>();
    private final java.util.Map<Action, ReadOnlyStringWrapper> refusals = new java.util.EnumMap<>(Action.class);
    private long monthGeneration;
    private long dayGeneration;

    public DailyPlanViewModel(ControllerReads reads, CommandSender commands, UiThread ui, Clock clock, ZoneId zone) {
        for (Action action : Action.values()) {
            refusals.put(action, new ReadOnlyStringWrapper(""));
        }
        this.reads = reads;
        this.commands = commands;
        this.ui = ui;
        this.clock = clock;
        this.zone = zone;
        LocalDate now = LocalDate.now(clock.withZone(zone));
        month = new SimpleObjectProperty<>(YearMonth.from(now));
        selected = new SimpleObjectProperty<>(now);
        rangeEnd = new SimpleObjectProperty<>(now);
        month.addListener((o, a, b) -> refresh());
        selected.addListener((o, a, b) -> {
            rangeEnd.set(b);
            if (!YearMonth.from(b).equals(month.get())) {
                month.set(YearMonth.from(b));
            }
            readDay(b);
        });
    }

    public ObjectProperty<YearMonth> monthProperty() {
        return month;
    }

    public ObjectProperty<LocalDate> selectedProperty() {
        return selected;
    }

    /** The last day the actions apply to (the selected one by default; later for a range). */
    public ObjectProperty<LocalDate> rangeEndProperty() {
        return rangeEnd;
    }

    /** The month's weeks, Monday first: 35 or 42 days. */
    public ObservableList<PlanDay> days() {
        return days;
    }

    public ObservableList<PlanEntry> dayOrders() {
        return dayOrders;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Today's plan (the Dashboard's progress); null until read. */
    public ReadOnlyObjectProperty<PlanDay> todayProperty() {
        return today.getReadOnlyProperty();
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    public void previousMonth() {
        month.set(month.get().minusMonths(1));
    }

    public void nextMonth() {
        month.set(month.get().plusMonths(1));
    }

    /** Reads the month's counts and projections, and the selected day's orders. */
    public void refresh() {
        long gen = ++monthGeneration;
        YearMonth m = month.get();
        LocalDate first = m.atDay(1).with(DayOfWeek.MONDAY);
        LocalDate last = m.atEndOfMonth().with(java.time.temporal.TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
        List<LocalDate> dates = first.datesUntil(last.plusDays(1)).toList();
        List<CompletableFuture<Checked<JsonNode>>> plans = dates.stream().map(d -> reads.get(List.of("plan"), Map.of("date", d.toString()))).toList();
        CompletableFuture<Checked<JsonNode>> projections = reads.get(List.of("plan", "projections"),
                Map.of("from", first.toString(), "to", last.toString()));
        CompletableFuture.allOf(plans.toArray(CompletableFuture[]::new)).thenCombine(projections, (v, projected) -> {
            ui.execute(() -> {
                if (gen == monthGeneration) {
                    showMonth(m, dates, plans.stream().map(CompletableFuture::join).toList(), projected);
                }
            });
            return null;
        });
        readDay(selected.get());
        refreshToday();
    }

    private void showMonth(YearMonth m, List<LocalDate> dates, List<Checked<JsonNode>> plans, Checked<JsonNode> projected) {
        Map<String, Integer> projectedPerDay = new HashMap<>();
        projected.toOptional().ifPresent(json -> json.path("orders").forEach(o -> projectedPerDay.merge(o.path("planDate").asText(), 1, Integer::sum)));
        List<PlanDay> list = new ArrayList<>();
        String problem = projected.problemOption().map(p -> p.message()).orElse("");
        for (int i = 0; i < dates.size(); i++) {
            LocalDate d = dates.get(i);
            Checked<JsonNode> plan = plans.get(i);
            if (plan.isFail()) {
                problem = plan.problemOption().orElseThrow().message();
            }
            list.add(day(d, plan.toOptional(), projectedPerDay.getOrDefault(d.toString(), 0), YearMonth.from(d).equals(m)));
        }
        days.setAll(list);
        message.set(problem.isEmpty() ? "" : "The daily plan cannot be read: " + problem);
    }

    private static PlanDay day(LocalDate d, java.util.Optional<JsonNode> plan, int projected, boolean inMonth) {
        int planned = 0;
        int submitted = 0;
        int finished = 0;
        if (plan.isPresent()) {
            for (JsonNode o : plan.get().path("orders")) {
                switch (o.path("state").asText()) {
                    case "planned" -> planned++;
                    case "submitted" -> submitted++;
                    case "finished" -> finished++;
                    default -> { }
                }
            }
        }
        return new PlanDay(d, planned, submitted, finished, projected, inMonth);
    }

    /** Reads today's plan (the Dashboard's progress). */
    public void refreshToday() {
        LocalDate d = today();
        reads.get(List.of("plan"), Map.of("date", d.toString())).thenAccept(plan -> ui.execute(() -> today.set(day(d, plan.toOptional(), 0, true))));
    }

    private void readDay(LocalDate date) {
        long gen = ++dayGeneration;
        CompletableFuture<Checked<JsonNode>> plan = reads.get(List.of("plan"), Map.of("date", date.toString()));
        plan.thenAccept(answer -> {
            List<PlanEntry> stored = new ArrayList<>();
            answer.toOptional().ifPresent(json -> json.path("orders").forEach(o -> stored.add(PlanEntry.of(o, o.path("state").asText()))));
            if (!stored.isEmpty() || answer.isFail()) {
                ui.execute(() -> {
                    if (gen == dayGeneration) {
                        dayOrders.setAll(stored);
                    }
                });
                return;
            }
            // Not planned (yet): what the schedules would plan.
            reads.get(List.of("plan", "projections"), Map.of("from", date.toString(), "to", date.toString())).thenAccept(projected -> {
                List<PlanEntry> list = new ArrayList<>();
                projected.toOptional().ifPresent(json -> json.path("orders").forEach(o -> list.add(PlanEntry.of(o, "projected"))));
                ui.execute(() -> {
                    if (gen == dayGeneration) {
                        dayOrders.setAll(list);
                    }
                });
            });
        });
    }

    /** The question the operator answers before {@code action}: what it does to which days and how many orders. */
    public String describe(Action action) {
        LocalDate from = selected.get();
        LocalDate to = rangeEnd.get().isBefore(from) ? from : rangeEnd.get();
        String days = from.equals(to) ? from.toString() : from + " to " + to;
        int planned = 0;
        int submitted = 0;
        int projected = 0;
        for (PlanDay d : this.days) {
            if (!d.date().isBefore(from) && !d.date().isAfter(to)) {
                planned += d.planned();
                submitted += d.submitted();
                projected += d.isProjectionOnly() ? d.projected() : 0;
            }
        }
        return switch (action) {
            case CREATE -> "Plan " + days + " from every schedule? " + (projected > 0 ? "About " + projected + " orders are projected. " : "")
                    + "Orders planned before stay as they are.";
            case SUBMIT -> "Submit the daily plan of " + days + "? " + planned + " planned " + orders(planned) + " go to the Controller and start at their time.";
            case CANCEL -> "Cancel the daily plan of " + days + "? " + submitted + " submitted " + orders(submitted)
                    + " that have not started are cancelled at the Controller and planned again.";
            case DELETE -> "Delete the daily plan of " + days + "? " + planned + " planned " + orders(planned)
                    + " are removed (planning again does not bring them back).";
        };
    }

    private static String orders(int n) {
        return n == 1 ? "order" : "orders";
    }

    /** The user's permissions: an action it may not send is refused, with the reason. */
    public void permit(io.jobwerk.cockpit.connection.UserPermissions granted) {
        refusals.forEach((action, refusal) -> refusal.set(granted.refusal(action.kind())));
    }

    /** Why this user may not do {@code action}, e.g. {@code needs permission ControlOrder; user viewer has ValidUser}; empty when it may. */
    public javafx.beans.property.ReadOnlyStringProperty refusalProperty(Action action) {
        return refusals.get(action).getReadOnlyProperty();
    }

    /** Carries out {@code action} for the selected day (to the range's end); the month is read again afterwards. */
    public CompletableFuture<Checked<CommandResponse>> execute(Action action) {
        LocalDate from = selected.get();
        LocalDate to = rangeEnd.get().isBefore(from) ? from : rangeEnd.get();
        Command command = switch (action) {
            case CREATE -> new Command.CreateDailyPlan(from, to);
            case SUBMIT -> new Command.SubmitDailyPlan(from, to);
            case CANCEL -> new Command.CancelDailyPlan(from, to);
            case DELETE -> new Command.DeleteDailyPlan(from, to);
        };
        message.set(action.label() + " " + from + (from.equals(to) ? "" : " to " + to) + " …");
        return commands.send(command).thenApply(response -> {
            ui.execute(() -> {
                message.set(response.isOk() ? done(action, response.orThrow())
                        : action.label() + " failed: " + response.problemOption().orElseThrow().message());
                refresh();
            });
            return response;
        });
    }

    private static String done(Action action, CommandResponse response) {
        int n = response instanceof CommandResponse.DailyPlanResponse d ? d.orderIds().size() : 0;
        return n + " " + orders(n) + " " + switch (action) {
            case CREATE -> "planned";
            case SUBMIT -> "submitted";
            case CANCEL -> "cancelled";
            case DELETE -> "deleted";
        };
    }
}
