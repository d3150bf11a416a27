package io.jobwerk.engine.item;

import io.jobwerk.engine.board.NoticeId;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.path.CalendarPath;
import io.jobwerk.engine.path.FileWatchPath;
import io.jobwerk.engine.path.JobResourcePath;
import io.jobwerk.engine.path.LockPath;
import io.jobwerk.engine.path.SchedulePath;
import io.jobwerk.engine.path.SubagentBundleId;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.value.expression.Expr;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The simple (unversioned) items besides workflows, as JS7 knows them; JSON {@code TYPE} as named.
 * Each has a key string as JS7 writes item keys, e.g. {@code Lock:LOCK}, {@code Agent:AGENT}.
 */
public sealed interface Item {

    enum Kind {
        AGENT_REF, SUBAGENT_ITEM, SUBAGENT_BUNDLE, LOCK, GLOBAL_BOARD, JOB_RESOURCE, FILE_WATCH, CALENDAR,
        WORKING_DAYS_CALENDAR, NON_WORKING_DAYS_CALENDAR, SCHEDULE
    }

    Kind kind();

    /** {@code Lock:LOCK}, {@code Agent:AGENT}, {@code Subagent:SUBAGENT} … */
    String key();

    /** {@code AgentRef}: an Agent with its Director Subagents (one, or two for a Director cluster). */
    record AgentRef(AgentPath path, List<SubagentId> directors, Optional<Integer> processLimit,
                    boolean requireFailoverConfirmation) implements Item {
        public AgentRef {
            Objects.requireNonNull(path, "path");
            directors = List.copyOf(directors);
            if (directors.isEmpty() || directors.size() > 2) {
                throw new IllegalArgumentException("AgentRef needs one or two directors");
            }
            Objects.requireNonNull(processLimit, "processLimit");
        }

        @Override public Kind kind() { return Kind.AGENT_REF; }
        @Override public String key() { return "Agent:" + path; }
    }

    /** {@code SubagentItem}: a Subagent of an Agent, reached at {@code uri}. */
    record SubagentItem(SubagentId id, AgentPath agentPath, String uri, boolean disabled) implements Item {
        public SubagentItem {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(agentPath, "agentPath");
            Objects.requireNonNull(uri, "uri");
        }

        @Override public Kind kind() { return Kind.SUBAGENT_ITEM; }
        @Override public String key() { return "Subagent:" + id; }
    }

    /**
     * {@code SubagentBundle} (a Subagent cluster): each member's priority is an expression (a number,
     * or over {@code $cpuLoad}, {@code $freeMemorySize}, {@code $js7SubagentProcessCount}).
     */
    record SubagentBundle(SubagentBundleId id, Map<SubagentId, Expr> subagentToPriority) implements Item {
        public SubagentBundle {
            Objects.requireNonNull(id, "id");
            subagentToPriority = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(subagentToPriority));
        }

        @Override public Kind kind() { return Kind.SUBAGENT_BUNDLE; }
        @Override public String key() { return "SubagentBundle:" + id; }
    }

    /** {@code Lock}: a resource lock; demands share its {@code limit}, an exclusive demand takes all. */
    record LockItem(LockPath path, int limit) implements Item {
        public LockItem {
            Objects.requireNonNull(path, "path");
            if (limit < 1) {
                throw new IllegalArgumentException("Lock limit must be at least 1: " + limit);
            }
        }

        @Override public Kind kind() { return Kind.LOCK; }
        @Override public String key() { return "Lock:" + path; }
    }

    /**
     * {@code GlobalBoard}: notices identified by a key computed from the order
     * ({@code postOrderToNoticeKey}, {@code expectOrderToNoticeKey}), deleted at {@code endOfLife}.
     */
    record GlobalBoard(BoardPath path, Expr postOrderToNoticeKey, Expr expectOrderToNoticeKey, Optional<Expr> endOfLife)
            implements Item {
        public GlobalBoard {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(postOrderToNoticeKey, "postOrderToNoticeKey");
            Objects.requireNonNull(expectOrderToNoticeKey, "expectOrderToNoticeKey");
            Objects.requireNonNull(endOfLife, "endOfLife");
        }

        @Override public Kind kind() { return Kind.GLOBAL_BOARD; }
        @Override public String key() { return "Board:" + path; }

        public NoticeId noticeId(String key) {
            return new NoticeId(path, key);
        }
    }

    /** {@code JobResource}: variables and environment for the jobs that name it. */
    record JobResource(JobResourcePath path, Map<String, Expr> variables, Map<String, Expr> env) implements Item {
        public JobResource {
            Objects.requireNonNull(path, "path");
            variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
            env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        }

        @Override public Kind kind() { return Kind.JOB_RESOURCE; }
        @Override public String key() { return "JobResource:" + path; }
    }

    /** {@code FileWatch}: each file matching {@code pattern} in {@code directoryExpr} becomes an order. */
    record FileWatch(FileWatchPath path, WorkflowPath workflowPath, AgentPath agentPath, Expr directoryExpr,
                     Optional<String> pattern, Optional<Expr> orderIdExpression, Duration delay) implements Item {
        public FileWatch {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(workflowPath, "workflowPath");
            Objects.requireNonNull(agentPath, "agentPath");
            Objects.requireNonNull(directoryExpr, "directoryExpr");
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(orderIdExpression, "orderIdExpression");
            Objects.requireNonNull(delay, "delay");
        }

        @Override public Kind kind() { return Kind.FILE_WATCH; }
        @Override public String key() { return "FileWatch:" + path; }
    }

    /** Engine {@code Calendar}: how to derive the daily-plan date from an OrderId. */
    record Calendar(CalendarPath path, Duration dateOffset, String orderIdPattern, String periodDatePattern) implements Item {
        public Calendar {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(dateOffset, "dateOffset");
            Objects.requireNonNull(orderIdPattern, "orderIdPattern");
            Objects.requireNonNull(periodDatePattern, "periodDatePattern");
        }

        @Override public Kind kind() { return Kind.CALENDAR; }
        @Override public String key() { return "Calendar:" + path; }
    }

    /**
     * JOC's calendars, kept by the Controller for its daily plan and not sent to Agents: a
     * {@link WorkingDaysCalendar} names the days a schedule may start orders, a
     * {@link NonWorkingDaysCalendar} the holidays it avoids. A schedule's {@code calendars} and
     * {@code nonWorkingDayCalendars} each name one kind, so the keys are
     * {@code WorkingDaysCalendar:NAME} and {@code NonWorkingDaysCalendar:NAME}.
     */
    sealed interface PlanCalendar extends Item permits WorkingDaysCalendar, NonWorkingDaysCalendar {
        CalendarPath path();

        io.jobwerk.engine.calendar.DateRange range();

        io.jobwerk.engine.calendar.Frequencies includes();

        io.jobwerk.engine.calendar.Frequencies excludes();

        /** Whether the calendar holds the day: in its range, named by includes and not by excludes. */
        default boolean holds(java.time.LocalDate day) {
            io.jobwerk.engine.calendar.DayBase all = io.jobwerk.engine.calendar.DayBase.ALL_DAYS;
            return range().contains(day) && includes().names(day, all) && !excludes().names(day, all);
        }

        private static void requireParts(Object path, Object range, Object includes, Object excludes) {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(range, "range");
            Objects.requireNonNull(includes, "includes");
            Objects.requireNonNull(excludes, "excludes");
        }

        static String keyOf(boolean nonWorkingDays, CalendarPath path) {
            return (nonWorkingDays ? "NonWorkingDaysCalendar:" : "WorkingDaysCalendar:") + path;
        }

        static PlanCalendar of(boolean nonWorkingDays, CalendarPath path, io.jobwerk.engine.calendar.DateRange range,
                               io.jobwerk.engine.calendar.Frequencies includes, io.jobwerk.engine.calendar.Frequencies excludes) {
            return nonWorkingDays ? new NonWorkingDaysCalendar(path, range, includes, excludes)
                    : new WorkingDaysCalendar(path, range, includes, excludes);
        }
    }

    record WorkingDaysCalendar(CalendarPath path, io.jobwerk.engine.calendar.DateRange range,
                               io.jobwerk.engine.calendar.Frequencies includes, io.jobwerk.engine.calendar.Frequencies excludes)
            implements PlanCalendar {
        public WorkingDaysCalendar {
            PlanCalendar.requireParts(path, range, includes, excludes);
        }

        @Override public Kind kind() { return Kind.WORKING_DAYS_CALENDAR; }
        @Override public String key() { return PlanCalendar.keyOf(false, path); }
    }

    record NonWorkingDaysCalendar(CalendarPath path, io.jobwerk.engine.calendar.DateRange range,
                                  io.jobwerk.engine.calendar.Frequencies includes, io.jobwerk.engine.calendar.Frequencies excludes)
            implements PlanCalendar {
        public NonWorkingDaysCalendar {
            PlanCalendar.requireParts(path, range, includes, excludes);
        }

        @Override public Kind kind() { return Kind.NON_WORKING_DAYS_CALENDAR; }
        @Override public String key() { return PlanCalendar.keyOf(true, path); }
    }

    /**
     * JOC's {@code Schedule}: which workflows the daily plan starts, on which calendars' days, at
     * which periods, with which orders' arguments. Kept by the Controller; key {@code Schedule:NAME}.
     */
    record PlanSchedule(SchedulePath path, List<WorkflowPath> workflowPaths, List<ScheduleCalendar> calendars,
                        List<CalendarPath> nonWorkingDayCalendars, List<OrderParameterisation> orderParameterisations,
                        boolean planOrderAutomatically, boolean submitOrderToControllerWhenPlanned) implements Item {
        public PlanSchedule {
            Objects.requireNonNull(path, "path");
            workflowPaths = List.copyOf(workflowPaths);
            calendars = List.copyOf(calendars);
            nonWorkingDayCalendars = List.copyOf(nonWorkingDayCalendars);
            orderParameterisations = List.copyOf(orderParameterisations);
            if (workflowPaths.isEmpty()) {
                throw new IllegalArgumentException("a Schedule needs at least one workflow in workflowNames");
            }
            if (calendars.isEmpty()) {
                throw new IllegalArgumentException("a Schedule needs at least one calendar");
            }
        }

        @Override public Kind kind() { return Kind.SCHEDULE; }
        @Override public String key() { return "Schedule:" + path; }
    }
}
