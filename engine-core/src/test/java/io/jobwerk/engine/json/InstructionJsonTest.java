package io.jobwerk.engine.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.workflow.Instruction;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstructionJsonTest {

    private static String roundTrip(String json) {
        Instruction i = InstructionJson.decode(EngineJson.parse(json.replace('`', '"')).orThrow()).orThrow();
        return EngineJson.print(InstructionJson.encode(i)).replace('"', '`');
    }

    @Test
    void legacyPostNoticeBecomesPostNotices() {
        assertThat(roundTrip("{`TYPE`:`PostNotice`,`boardPath`:`BOARD`}"))
                .isEqualTo("{`TYPE`:`PostNotices`,`boardPaths`:[`BOARD`]}");
    }

    @Test
    void legacyIfAndLockAreWrittenInTheCurrentForm() {
        assertThat(roundTrip("{`TYPE`:`If`,`predicate`:`true`,`then`:{`instructions`:[]},`else`:{`instructions`:[]}}"))
                .isEqualTo("{`TYPE`:`If`,`ifThens`:[{`predicate`:`true`,`then`:{`instructions`:[]}}],`else`:{`instructions`:[]}}");
        assertThat(roundTrip("{`TYPE`:`Lock`,`lockPath`:`L`,`lockedWorkflow`:{`instructions`:[]}}"))
                .isEqualTo("{`TYPE`:`Lock`,`demands`:[{`lockPath`:`L`}],`lockedWorkflow`:{`instructions`:[]}}");
    }

    @Test
    void implicitEndIsSkippedAndLabelWrittenFirst() {
        assertThat(roundTrip("{`TYPE`:`Options`,`block`:{`instructions`:[{`TYPE`:`Stop`,`label`:`S`},{`TYPE`:`ImplicitEnd`}]},"
                + "`sourcePos`:[1,2],`unknown`:1}"))
                .isEqualTo("{`TYPE`:`Options`,`block`:{`instructions`:[{`label`:`S`,`TYPE`:`Stop`}]}}");
    }

    @Test
    void expectNoticesDefaultsToWait() {
        assertThat(roundTrip("{`TYPE`:`ExpectNotices`,`boardPaths`:`'A' && 'B'`}"))
                .isEqualTo("{`TYPE`:`ExpectNotices`,`boardPaths`:`'A' && 'B'`,`whenNotAnnounced`:`Wait`}");
    }

    @Test
    void implicitEndHasNoJsonForm() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InstructionJson.encode(Instruction.ImplicitEnd.INSTANCE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void outcomesRoundTrip() {
        for (String json : List.of(
                "{`TYPE`:`Succeeded`}",
                "{`TYPE`:`Failed`,`message`:`M`,`namedValues`:{`returnCode`:1},`uncatchable`:true}",
                "{`TYPE`:`TimedOut`,`outcome`:{`TYPE`:`Failed`,`namedValues`:{`returnCode`:143}}}",
                "{`TYPE`:`Killed`,`outcome`:{`TYPE`:`Succeeded`}}",
                "{`TYPE`:`Caught`}",
                "{`TYPE`:`Disrupted`,`reason`:{`TYPE`:`ProcessLost`}}",
                "{`TYPE`:`Disrupted`,`reason`:{`TYPE`:`Other`,`problem`:{`message`:`X`}},`uncatchable`:true}")) {
            Outcome o = OutcomeJson.decode(EngineJson.parse(json.replace('`', '"')).orThrow()).orThrow();
            assertThat(EngineJson.print(OutcomeJson.encode(o)).replace('"', '`')).isEqualTo(json);
        }
    }
}
