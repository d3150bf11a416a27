package io.jobwerk.engine.motor;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the order motor knows of its surroundings, passed in because the motor reads nothing itself.
 *
 * @param controllerId {@code $js7ControllerId}
 * @param processEnvironment what {@code env('NAME')} returns
 * @param defaultSigkillDelay the delay between SIGTERM and SIGKILL for jobs that name none
 */
public record MotorEnvironment(String controllerId, Map<String, String> processEnvironment, Duration defaultSigkillDelay) {

    public static final MotorEnvironment DEFAULT = new MotorEnvironment("Controller", Map.of(), Duration.ofSeconds(15));

    public MotorEnvironment {
        Objects.requireNonNull(controllerId, "controllerId");
        processEnvironment = Map.copyOf(processEnvironment);
        Objects.requireNonNull(defaultSigkillDelay, "defaultSigkillDelay");
    }
}
