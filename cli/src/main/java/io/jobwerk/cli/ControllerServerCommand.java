package io.jobwerk.cli;

import io.jobwerk.controller.Controller;
import io.jobwerk.controller.ControllerConf;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.history.DailyPlanService;
import io.jobwerk.history.HistoryConf;
import io.jobwerk.history.broker.EventBrokerConf;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.auth.Users;
import io.jobwerk.http.server.WebServerConf;
import io.jobwerk.runtime.signature.SignatureVerifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code jobwerk controller}: a Controller alone. */
@Command(name = "controller", mixinStandardHelpOptions = true, description = "Start a Controller.")
public final class ControllerServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, converter = DataOption.class, description = "Data directory.")
    Path data;

    @Option(names = "--id", defaultValue = "Controller", description = "Controller id (default: ${DEFAULT-VALUE}).")
    String id;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "4444", converter = PortOption.class, description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    UsersOptions users;

    @Option(names = "--agent-user", required = true, description = "NAME:PASSWORD the Controller logs in with at its Agents (a user with UpdateItem there).")
    String agentUser;

    @Option(names = "--no-fsync", description = "Do not fsync the journal.")
    boolean noFsync;

    @Mixin
    TrustedKeysOption trustedKeys;

    @Option(names = "--history-db", paramLabel = "JDBC-URL",
            description = "Store the history in this PostgreSQL database (jdbc:postgresql://HOST:PORT/DB) instead of DATA/history.sqlite;"
                    + " the user and password come from --history-db-credentials or $" + HistoryConf.USER_ENV + " and $" + HistoryConf.PASSWORD_ENV + ".")
    String historyDb;

    @Option(names = "--history-db-credentials", paramLabel = "FILE",
            description = "A properties file with 'user' and 'password' for --history-db.")
    Path historyDbCredentials;

    @Option(names = "--history-retention-days", paramLabel = "DAYS", defaultValue = "30",
            description = "Delete the history of orders that ended longer ago (default: ${DEFAULT-VALUE}; 0 keeps it for ever).")
    int historyRetentionDays;

    @Option(names = "--daily-plan-time", paramLabel = "HH:MM", defaultValue = "00:00",
            description = "When the daily plan plans and submits the days ahead, each day (default: ${DEFAULT-VALUE}).")
    java.time.LocalTime dailyPlanTime;

    @Option(names = "--daily-plan-zone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "The zone of --daily-plan-time and of \"today\" (default: ${DEFAULT-VALUE}).")
    java.time.ZoneId dailyPlanZone;

    @Option(names = "--days-ahead-plan", paramLabel = "DAYS", defaultValue = "7",
            description = "Days the daily plan plans, today included (default: ${DEFAULT-VALUE}).")
    int daysAheadPlan;

    @Option(names = "--days-ahead-submit", paramLabel = "DAYS", defaultValue = "3",
            description = "Days whose planned orders are submitted to the Controller, today included (default: ${DEFAULT-VALUE}).")
    int daysAheadSubmit;

    @Option(names = "--event-broker", paramLabel = "nats://HOST:PORT",
            description = "Publish order events to this NATS JetStream server (off by default); the credentials, if any, come from"
                    + " --event-broker-credentials or $" + EventBrokerConf.USER_ENV + " and $" + EventBrokerConf.PASSWORD_ENV
                    + " (or $" + EventBrokerConf.TOKEN_ENV + ").")
    String eventBroker;

    @Option(names = "--event-subject", paramLabel = "PREFIX", defaultValue = EventBrokerConf.DEFAULT_SUBJECT_PREFIX,
            description = "Subjects of the published events: PREFIX.order.EVENT_TYPE, in the stream named PREFIX in capitals"
                    + " (default: ${DEFAULT-VALUE}).")
    String eventSubject;

    @Option(names = "--event-broker-credentials", paramLabel = "FILE",
            description = "A properties file with 'user' and 'password', or 'token', for --event-broker.")
    Path eventBrokerCredentials;

    @Override
    public Integer call() throws Exception {
        List<UserAccount> accounts = users.accounts(); // before the data directory is created
        int colon = agentUser.indexOf(':');
        if (colon <= 0) {
            // the value is not echoed: it may be a password
            throw new ParameterException(spec.commandLine(), "--agent-user must be NAME:PASSWORD");
        }
        SignatureVerifier signatures = trustedKeys.signatures(spec);
        HistoryConf history = historyConf();
        Logging.toFile(DataOption.created(data), "controller");
        java.util.Optional<EventBrokerConf> broker = eventBrokerConf();
        ControllerConf conf = new ControllerConf(id, DataOption.created(data),
                new WebServerConf(host, port, WebServerConf.DEFAULT_MAX_BODY_BYTES),
                new Users(accounts), agentUser.substring(0, colon), agentUser.substring(colon + 1), !noFsync, signatures)
                .withHistory(history).withDailyPlan(dailyPlanConf());
        Controller controller = Controller.start(broker.map(conf::withEventBroker).orElse(conf));
        return ServerRun.untilStopped("Jobwerk Controller", controller, RunningJobs.NONE, controller::onShutDown,
                "Jobwerk Controller ready: http://" + host + ":" + controller.port() + "/controller/api");
    }

    private java.util.Optional<EventBrokerConf> eventBrokerConf() {
        if (eventBroker == null) {
            if (eventBrokerCredentials != null) {
                throw new ParameterException(spec.commandLine(), "--event-broker-credentials needs --event-broker");
            }
            return java.util.Optional.empty();
        }
        Checked<EventBrokerConf> conf = EventBrokerConf.nats(eventBroker, eventSubject, java.util.Optional.ofNullable(eventBrokerCredentials),
                System.getenv());
        if (conf.isFail()) {
            throw new ParameterException(spec.commandLine(), conf.problemOption().orElseThrow().message());
        }
        return conf.toOptional();
    }

    private DailyPlanService.Conf dailyPlanConf() {
        if (daysAheadPlan < 0 || daysAheadSubmit < 0 || daysAheadSubmit > daysAheadPlan) {
            throw new ParameterException(spec.commandLine(), "--days-ahead-plan and --days-ahead-submit must be 0 or more, and submit no more days"
                    + " than plan (" + daysAheadPlan + " and " + daysAheadSubmit + ")");
        }
        return new DailyPlanService.Conf(dailyPlanTime, dailyPlanZone, daysAheadPlan, daysAheadSubmit);
    }

    private HistoryConf historyConf() {
        if (historyRetentionDays < 0) {
            throw new ParameterException(spec.commandLine(), "--history-retention-days must be 0 or more, not " + historyRetentionDays);
        }
        HistoryConf conf;
        if (historyDb == null) {
            if (historyDbCredentials != null) {
                throw new ParameterException(spec.commandLine(), "--history-db-credentials needs --history-db");
            }
            conf = HistoryConf.sqlite(data);
        } else {
            Checked<HistoryConf> postgres = HistoryConf.postgres(historyDb, java.util.Optional.ofNullable(historyDbCredentials), System.getenv());
            if (postgres.isFail()) {
                throw new ParameterException(spec.commandLine(), postgres.problemOption().orElseThrow().message());
            }
            conf = postgres.orThrow();
        }
        return conf.withRetention(Duration.ofDays(historyRetentionDays), HistoryConf.DEFAULT_CLEANUP_INTERVAL);
    }
}
