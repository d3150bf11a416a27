package io.jobwerk.cli;

import java.math.BigDecimal;
import java.time.Duration;
import picocli.CommandLine;

/** A positive number of seconds, fractions down to the millisecond (e.g. {@code 30}, {@code 0.5}). */
final class SecondsOption implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException(value + " is not a number of seconds");
        }
        if (seconds.signum() <= 0) {
            throw new CommandLine.TypeConversionException(value + " is not a positive number of seconds");
        }
        BigDecimal millis = seconds.movePointRight(3);
        if (millis.compareTo(BigDecimal.ONE) < 0) {
            throw new CommandLine.TypeConversionException(value + " seconds is less than a millisecond");
        }
        // Duration.toNanos, which timers use, overflows beyond 292 years
        if (millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1_000_000)) > 0) {
            throw new CommandLine.TypeConversionException(value + " seconds is too large");
        }
        return Duration.ofMillis(millis.longValue());
    }
}
