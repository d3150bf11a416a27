package io.jobwerk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.http.auth.UserAccount;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The demo's workflows and orders, run for real: every demo order finishes with the output the README promises. */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DemoTest {

    @TempDir
    Path data;

    @Test
    void everyDemoOrderFinishesAndTheGuideNamesTheCommands() throws Exception {
        UserAccount user = new UserOption().convert("demo:demo");
        try (Standalone standalone = Standalone.start(data, 0, List.of(user), false).orThrow()) {
            Demo.SetUp setUp = Demo.setUp(standalone, Path.of("../demo"), Instant.now()).orThrow();
            assertThat(setUp.orderIds()).containsExactly("demo-hello", "demo-retry", "demo-fork", "demo-params");

            ByteArrayOutputStream guide = new ByteArrayOutputStream();
            DemoCommand.printGuide(new PrintStream(guide, true, StandardCharsets.UTF_8), standalone, setUp, data, "demo");
            assertThat(guide.toString(StandardCharsets.UTF_8)).contains("ready").contains("./jobwerk orders --controller " + standalone.controllerUri())
                    .contains("./jobwerk events --follow").contains("./jobwerk log demo-hello");

            Cli cli = new Cli(standalone.controllerUri(), "demo:demo");
            assertThat(cli.client("log", "-f", "demo-hello").out()).startsWith("Hello from demo-hello, job hello\n");
            Cli.Result retry = cli.client("log", "-f", "demo-retry");
            assertThat(retry.out()).isEqualTo("attempt 1 of 3\nattempt 2 of 3\nattempt 3 of 3\nthird time lucky\n"
                    + "this job fails with return code 3\ncaught the failure (return code 3), the order goes on\n");
            assertThat(retry.err()).isEqualTo("failing on purpose, the Retry instruction tries again\n".repeat(2));
            assertThat(cli.client("log", "-f", "demo-fork").out()).contains("branch left ends", "branch right ends")
                    .endsWith("both branches joined: done on the left, done on the right\n");
            assertThat(cli.client("log", "-f", "demo-params").out())
                    .endsWith("the previous job returned greeting='Hello, Jobwerk' after 3 steps\n");
            for (String id : setUp.orderIds()) {
                ClientCommandsTest.await(() -> standalone.controller.keeper().state().orders().get(new OrderId(id)).state().kind()
                        == OrderState.Kind.FINISHED, id + " Finished");
            }

            // A second run on the same data adds new orders beside the old ones.
            assertThat(Demo.setUp(standalone, Path.of("../demo"), Instant.now().plus(Duration.ofSeconds(1))).orThrow().orderIds())
                    .containsExactly("demo-hello-2", "demo-retry-2", "demo-fork-2", "demo-params-2");
        }
    }
}
