package io.jobwerk.controller;

import io.jobwerk.history.DailyPlanService;
import io.jobwerk.history.HistoryConf;
import io.jobwerk.history.broker.EventBrokerConf;
import io.jobwerk.http.auth.Users;
import io.jobwerk.http.server.WebServerConf;
import io.jobwerk.runtime.signature.SignatureVerifier;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Configuration of a Controller.
 *
 * @param agentUserId the user the Controller logs in with at its Agents
 * @param signatures   whether deployed workflows must be signed by a trusted key, and by which
 * @param history      where the history is stored; empty: {@code history.sqlite} in the data directory
 * @param dailyPlan    when the daily plan runs and how far ahead; empty: {@link DailyPlanService.Conf#DEFAULT}
 * @param eventBroker  where order events are published; empty (the default): nowhere
 */
public record ControllerConf(String controllerId, Path dataDirectory, WebServerConf web, Users users,
                             String agentUserId, String agentPassword, boolean fsync, SignatureVerifier signatures,
                             Optional<HistoryConf> history, Optional<DailyPlanService.Conf> dailyPlan,
                             Optional<EventBrokerConf> eventBroker) {
    public ControllerConf {
        Objects.requireNonNull(controllerId, "controllerId");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(web, "web");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(agentUserId, "agentUserId");
        Objects.requireNonNull(agentPassword, "agentPassword");
        Objects.requireNonNull(signatures, "signatures");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(dailyPlan, "dailyPlan");
        Objects.requireNonNull(eventBroker, "eventBroker");
    }

    public ControllerConf(String controllerId, Path dataDirectory, WebServerConf web, Users users,
                          String agentUserId, String agentPassword, boolean fsync, SignatureVerifier signatures) {
        this(controllerId, dataDirectory, web, users, agentUserId, agentPassword, fsync, signatures, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public ControllerConf withHistory(HistoryConf history) {
        return new ControllerConf(controllerId, dataDirectory, web, users, agentUserId, agentPassword, fsync, signatures, Optional.of(history),
                dailyPlan, eventBroker);
    }

    public ControllerConf withDailyPlan(DailyPlanService.Conf dailyPlan) {
        return new ControllerConf(controllerId, dataDirectory, web, users, agentUserId, agentPassword, fsync, signatures, history,
                Optional.of(dailyPlan), eventBroker);
    }

    public ControllerConf withEventBroker(EventBrokerConf eventBroker) {
        return new ControllerConf(controllerId, dataDirectory, web, users, agentUserId, agentPassword, fsync, signatures, history,
                dailyPlan, Optional.of(eventBroker));
    }

    public DailyPlanService.Conf dailyPlanConf() {
        return dailyPlan.orElse(DailyPlanService.Conf.DEFAULT);
    }

    /** The history's configuration: the one given, or SQLite in the data directory; with the event outbox when events are published. */
    public HistoryConf historyConf() {
        return history.orElseGet(() -> HistoryConf.sqlite(dataDirectory)).withEventOutbox(eventBroker.isPresent());
    }

    /** A Controller that accepts unsigned workflows (standalone and development set-ups). */
    public ControllerConf(String controllerId, Path dataDirectory, WebServerConf web, Users users,
                          String agentUserId, String agentPassword, boolean fsync) {
        this(controllerId, dataDirectory, web, users, agentUserId, agentPassword, fsync, SignatureVerifier.acceptingUnsigned());
    }
}
