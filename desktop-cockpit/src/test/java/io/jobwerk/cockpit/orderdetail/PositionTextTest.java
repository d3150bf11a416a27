package io.jobwerk.cockpit.orderdetail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PositionTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[0]|0",
            "[1,\"fork+eu\",0]|1/fork+eu:0",
            "[2,\"then\",1,\"try+0\",3]|2/then:1/try+0:3",
            "1/fork+eu:0|1/fork+eu:0"})
    void writesPositionsAsJs7sGui(String history, String shown) {
        assertThat(PositionText.of(history)).isEqualTo(shown);
    }
}
