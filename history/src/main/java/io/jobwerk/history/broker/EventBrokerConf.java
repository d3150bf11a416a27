package io.jobwerk.history.broker;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where the Controller publishes its order events.
 *
 * @param url           the NATS server, {@code nats://HOST:PORT} (or {@code tls://})
 * @param subjectPrefix messages go to {@code PREFIX.order.EVENT_TYPE}, e.g. {@code jobwerk.order.OrderFinished}
 * @param stream        the JetStream stream holding {@code PREFIX.>}, created when missing
 * @param user          with {@code password}: the user the publisher connects as
 * @param password      the user's password
 * @param token         or else an authentication token
 */
public record EventBrokerConf(String url, String subjectPrefix, String stream, Optional<String> user, Optional<String> password,
                              Optional<String> token) {
    public static final String DEFAULT_SUBJECT_PREFIX = "jobwerk";
    /** The environment variables holding the credentials, when no credentials file is given. */
    public static final String USER_ENV = "JOBWERK_EVENT_BROKER_USER";
    public static final String PASSWORD_ENV = "JOBWERK_EVENT_BROKER_PASSWORD";
    public static final String TOKEN_ENV = "JOBWERK_EVENT_BROKER_TOKEN";
    private static final Pattern SUBJECT_PREFIX = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    public EventBrokerConf {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(subjectPrefix, "subjectPrefix");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(token, "token");
    }

    /**
     * A NATS JetStream broker. The credentials come from {@code credentialsFile} (a properties file
     * with {@code user} and {@code password}, or {@code token}) or else from the environment
     * ({@value #USER_ENV}, {@value #PASSWORD_ENV}, {@value #TOKEN_ENV}); never from the URL, which a
     * process list shows: a URL with user information is refused. The stream is named after the
     * prefix in capitals ({@code jobwerk} → {@code JOBWERK}, dots become {@code _}).
     */
    public static Checked<EventBrokerConf> nats(String url, String subjectPrefix, Optional<Path> credentialsFile, Map<String, String> env) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return problem("--event-broker is not a URL: '" + url + "'");
        }
        if (!"nats".equals(uri.getScheme()) && !"tls".equals(uri.getScheme()) || uri.getHost() == null) {
            return problem("--event-broker must be a nats://HOST:PORT URL, not '" + url + "'");
        }
        if (uri.getUserInfo() != null) {
            return problem("--event-broker must not hold credentials: give them in a credentials file or in " + USER_ENV + " and "
                    + PASSWORD_ENV + " (or " + TOKEN_ENV + ")");
        }
        if (!SUBJECT_PREFIX.matcher(subjectPrefix).matches()) {
            return problem("--event-subject must be NATS subject tokens of letters, digits, '-' and '_' joined by '.', not '" + subjectPrefix + "'");
        }
        Optional<String> user = Optional.ofNullable(env.get(USER_ENV));
        Optional<String> password = Optional.ofNullable(env.get(PASSWORD_ENV));
        Optional<String> token = Optional.ofNullable(env.get(TOKEN_ENV));
        if (credentialsFile.isPresent()) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(credentialsFile.get())) {
                properties.load(reader);
            } catch (IOException e) {
                return problem("Cannot read the event broker credentials " + credentialsFile.get() + ": " + e);
            }
            user = Optional.ofNullable(properties.getProperty("user"));
            password = Optional.ofNullable(properties.getProperty("password"));
            token = Optional.ofNullable(properties.getProperty("token"));
            if (user.isEmpty() && token.isEmpty()) {
                return problem("The credentials file " + credentialsFile.get() + " has neither 'user' nor 'token'");
            }
        }
        String stream = subjectPrefix.replace('.', '_').toUpperCase(Locale.ROOT);
        return Checked.ok(new EventBrokerConf(url, subjectPrefix, stream, user, password, token));
    }

    /** The subject of an event type's messages. */
    public String subject(String eventType) {
        return subjectPrefix + ".order." + eventType;
    }

    private static <A> Checked<A> problem(String message) {
        return Checked.fail(Problem.of("InvalidEventBroker", message));
    }
}
