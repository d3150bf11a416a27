package io.jobwerk.history.broker;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes to a NATS JetStream stream (created, with file storage, when missing), each message with
 * its event id as JetStream's message id ({@code Nats-Msg-Id}).
 *
 * <p><b>In order, without gaps.</b> Each message expects the one before it to be the stream's last
 * ({@code Nats-Expected-Last-Msg-Id}), so when one is not stored the ones after it are refused too
 * and published again, in order, on the next call. After connecting, and after any failure, it reads
 * the stream's last message and skips the messages up to its event id, which the stream holds already
 * (published before a crash, acknowledged or not). This assumes the stream holds this Controller's
 * messages only. Duplicates are still possible where this cannot see them (the stream's last message
 * removed by its limits); JetStream also drops a repeated message id within its duplicate window
 * (2 minutes by default).
 *
 * <p>It connects on the first publish and, after any failure, on the next one (no reconnection of its
 * own in between: the service's retry is the one loop). Not thread-safe: the service's one thread uses it.
 */
public final class NatsEventPublisher implements EventPublisher {
    private static final Logger LOG = Logger.getLogger(NatsEventPublisher.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final EventBrokerConf conf;
    private Connection connection;
    private JetStream jetStream;
    /** The stream's last message id as far as known; empty when unknown or the stream is empty. */
    private Optional<String> lastMessageId = Optional.empty();
    /** The highest event id the stream is known to hold. */
    private long lastStoredEventId;

    public NatsEventPublisher(EventBrokerConf conf) {
        this.conf = conf;
    }

    @Override
    public void publish(List<OrderEventMessage> messages) throws Exception {
        try {
            if (connection == null) {
                connect();
            }
            List<CompletableFuture<PublishAck>> acks = new ArrayList<>(messages.size());
            Optional<String> expected = lastMessageId;
            long last = lastStoredEventId;
            for (OrderEventMessage m : messages) {
                if (m.eventId() <= lastStoredEventId) {
                    continue;
                }
                String messageId = Long.toString(m.eventId());
                PublishOptions.Builder options = PublishOptions.builder().messageId(messageId).expectedStream(conf.stream());
                expected.ifPresent(options::expectedLastMsgId);
                acks.add(jetStream.publishAsync(conf.subject(m.eventType()), null, m.json().getBytes(StandardCharsets.UTF_8), options.build()));
                expected = Optional.of(messageId);
                last = m.eventId();
            }
            for (CompletableFuture<PublishAck> ack : acks) {
                ack.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            lastMessageId = expected;
            lastStoredEventId = last;
        } catch (ExecutionException e) {
            disconnect();
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (Exception e) {
            disconnect();
            throw e;
        }
    }

    private void connect() throws Exception {
        Options.Builder options = new Options.Builder()
                .server(conf.url())
                .connectionName("jobwerk-controller")
                .connectionTimeout(Duration.ofSeconds(5))
                .noReconnect()
                .errorListener(new ErrorListener() { }); // its default logs each lost connection as SEVERE; the service logs once
        if (conf.user().isPresent()) {
            options.userInfo(conf.user().get(), conf.password().orElse(""));
        } else if (conf.token().isPresent()) {
            options.token(conf.token().get().toCharArray());
        }
        connection = Nats.connect(options.build());
        JetStreamOptions jetStreamOptions = JetStreamOptions.builder().requestTimeout(TIMEOUT).build();
        JetStreamManagement management = connection.jetStreamManagement(jetStreamOptions);
        StreamInfo stream = streamInfo(management);
        readLastMessage(management, stream.getStreamState().getLastSequence());
        jetStream = connection.jetStream(jetStreamOptions);
    }

    private StreamInfo streamInfo(JetStreamManagement management) throws Exception {
        try {
            return management.getStreamInfo(conf.stream());
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != 10059) { // stream not found
                throw e;
            }
            LOG.info("Creating the JetStream stream " + conf.stream() + " for " + conf.subjectPrefix() + ".>");
            return management.addStream(StreamConfiguration.builder()
                    .name(conf.stream())
                    .subjects(conf.subjectPrefix() + ".>")
                    .storageType(StorageType.File)
                    .build());
        }
    }

    private void readLastMessage(JetStreamManagement management, long lastSequence) throws Exception {
        lastMessageId = Optional.empty();
        lastStoredEventId = 0;
        if (lastSequence == 0) {
            return;
        }
        try {
            MessageInfo last = management.getMessage(conf.stream(), lastSequence);
            lastMessageId = Optional.ofNullable(last.getHeaders()).map(h -> h.getFirst("Nats-Msg-Id"));
            lastStoredEventId = lastMessageId.map(NatsEventPublisher::eventIdOrZero).orElse(0L);
        } catch (JetStreamApiException e) {
            // the last message is gone (the stream's limits removed it): publish without expecting one
            LOG.log(Level.FINE, "The last message of stream " + conf.stream() + " cannot be read", e);
        }
    }

    private static long eventIdOrZero(String messageId) {
        try {
            return Long.parseLong(messageId);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void disconnect() {
        if (connection != null) {
            try {
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Closing the NATS connection failed", e);
            }
        }
        connection = null;
        jetStream = null;
    }

    @Override
    public String describe() {
        return "NATS " + conf.url() + " stream " + conf.stream();
    }

    @Override
    public void close() {
        disconnect();
    }
}
