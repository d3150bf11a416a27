package io.jobwerk.engine.json;

import static io.jobwerk.engine.json.JsonGoldenTest.assertSameTree;
import static io.jobwerk.engine.json.JsonGoldenTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.value.expression.Expr;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ItemJsonTest {

    /** One JSON per item kind, as JS7 writes it (` stands for "). */
    static final List<String> ITEMS = List.of(
            "{`TYPE`:`AgentRef`,`path`:`AGENT`,`directors`:[`PRIMARY`,`BACKUP`],`processLimit`:7,`requireFailoverConfirmation`:true}",
            "{`TYPE`:`SubagentItem`,`id`:`SUBAGENT`,`agentPath`:`AGENT`,`uri`:`http://127.0.0.1:4445`,`disabled`:false}",
            "{`TYPE`:`SubagentBundle`,`id`:`BUNDLE`,`subagentToPriority`:{`A-SUBAGENT`:1,`B-SUBAGENT`:`min(100, (1 / $cpuLoad) ? 100)`,"
                    + "`C-SUBAGENT`:2.50}}",
            "{`TYPE`:`Lock`,`path`:`LOCK`,`limit`:3}",
            "{`TYPE`:`GlobalBoard`,`path`:`BOARD`,`postOrderToNoticeKey`:`$js7OrderId`,"
                    + "`expectOrderToNoticeKey`:`$js7OrderId`,`endOfLife`:`$js7EpochMilli + 24 * 3600 * 1000`}",
            "{`TYPE`:`JobResource`,`path`:`R`,`variables`:{`x`:`'v'`},`env`:{`MYPATH`:`'/bin:' ++ env('PATH')`}}",
            "{`TYPE`:`FileWatch`,`path`:`P`,`workflowPath`:`W`,`agentPath`:`A`,`directoryExpr`:`'/DIR'`,"
                    + "`pattern`:`[a-z]+.csv`,`orderExpr`:`'#' ++ now(format='yyyy-MM-dd') ++ '#' ++ $0`,`delay`:2}",
            "{`TYPE`:`Calendar`,`path`:`CALENDAR`,`dateOffset`:21600,`orderIdPattern`:`#([^#]+)#.*`,`periodDatePattern`:`yyyy-MM-dd`}",
            "{`TYPE`:`WorkingDaysCalendar`,`path`:`WORKDAYS`,`includes`:{`weekdays`:[{`days`:[1,2,3,4,5]}]}}",
            "{`TYPE`:`NonWorkingDaysCalendar`,`path`:`HOLIDAYS`,`includes`:{`dates`:[`2027-12-25`]}}",
            "{`TYPE`:`Schedule`,`path`:`NIGHTLY`,`workflowNames`:[`WORKFLOW`],`calendars`:[{`calendarName`:`WORKDAYS`,`timeZone`:`Europe/Berlin`,`periods`:[{`singleStart`:`02:30:00`,`whenHoliday`:`SUPPRESS`}]}],`planOrderAutomatically`:true,`submitOrderToControllerWhenPlanned`:true}");

    static Stream<String> items() {
        return ITEMS.stream().map(s -> s.replace('`', '"'));
    }

    @ParameterizedTest
    @MethodSource("items")
    void itemRoundTrips(String json) {
        JsonNode node = EngineJson.parse(json).orThrow();
        Item item = ok(ItemJson.decode(node));
        assertSameTree(ItemJson.encode(item), node);
        assertThat(ok(ItemJson.decode(ItemJson.encode(item)))).isEqualTo(item);
    }

    @Test
    void everyItemKindHasAnExample() {
        Set<Item.Kind> kinds = EnumSet.noneOf(Item.Kind.class);
        items().forEach(json -> kinds.add(ok(ItemJson.decode(EngineJson.parse(json).orThrow())).kind()));
        assertThat(kinds).containsExactlyInAnyOrder(Item.Kind.values());
    }

    @Test
    void itemRevisionIsIgnoredAndNotWritten() {
        JsonNode node = EngineJson.parse("{\"TYPE\":\"Lock\",\"path\":\"LOCK\",\"limit\":1,\"itemRevision\":7}").orThrow();
        assertThat(EngineJson.print(ItemJson.encode(ok(ItemJson.decode(node)))))
                .isEqualTo("{\"TYPE\":\"Lock\",\"path\":\"LOCK\",\"limit\":1}");
    }

    @Test
    void subagentPriorityNumberIsTheExpressionOfItsTextAndIsWrittenAsNumber() {
        Item.SubagentBundle b = (Item.SubagentBundle) ok(ItemJson.decode(EngineJson.parse(
                "{\"TYPE\":\"SubagentBundle\",\"id\":\"B\",\"subagentToPriority\":{\"A\":1.50,\"B\":\"2\"}}").orThrow()));
        assertThat(b.subagentToPriority().get(new SubagentId("A"))).isEqualTo(Expr.of("1.50"));
        assertThat(EngineJson.print(ItemJson.encode(b)))
                .isEqualTo("{\"TYPE\":\"SubagentBundle\",\"id\":\"B\",\"subagentToPriority\":{\"A\":1.50,\"B\":2}}");
    }

    @Test
    void fileWatchAcceptsTheOlderOrderIdExpressionAndDefaults() {
        Item.FileWatch f = (Item.FileWatch) ok(ItemJson.decode(EngineJson.parse(
                "{\"TYPE\":\"FileWatch\",\"path\":\"P\",\"workflowPath\":\"W\",\"agentPath\":\"A\",\"directoryExpr\":\"'/DIR'\","
                        + "\"orderIdExpression\":\"$0\"}").orThrow()));
        assertThat(f.orderIdExpression()).contains(Expr.of("$0"));
        assertThat(f.delay()).isEqualTo(Duration.ZERO);
        assertThat(f.pattern()).isEmpty();
        assertThat(EngineJson.print(ItemJson.encode(f))).isEqualTo("{\"TYPE\":\"FileWatch\",\"path\":\"P\",\"workflowPath\":\"W\","
                + "\"agentPath\":\"A\",\"directoryExpr\":\"'/DIR'\",\"orderExpr\":\"$0\",\"delay\":0}");
    }

    @Test
    void keysAreAsJs7WritesThem() {
        assertThat(items().map(j -> ok(ItemJson.decode(EngineJson.parse(j).orThrow())).key()).toList()).containsExactly(
                "Agent:AGENT", "Subagent:SUBAGENT", "SubagentBundle:BUNDLE", "Lock:LOCK", "Board:BOARD", "JobResource:R",
                "FileWatch:P", "Calendar:CALENDAR", "WorkingDaysCalendar:WORKDAYS", "NonWorkingDaysCalendar:HOLIDAYS",
                "Schedule:NIGHTLY"); // the last three are JOC objects, named here as the Controller keeps them
    }
}
