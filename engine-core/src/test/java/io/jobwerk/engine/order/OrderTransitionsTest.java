package io.jobwerk.engine.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.order.OrderTransitions.Transition;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exercises every row of {@link OrderTransitions} against {@link Order#applyEvent}, and every pair the
 * table does not list. {@link #everyTransitionWasExercised} fails naming each row no test reached.
 */
class OrderTransitionsTest {

    private static final Set<Transition> exercised = ConcurrentHashMap.newKeySet();

    static Stream<Transition> transitions() {
        return OrderTransitions.transitions().stream();
    }

    /** Orthogonal events as rows from a state to itself. */
    static Stream<Transition> orthogonalTransitions() {
        return OrderTransitions.orthogonalEvents().entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(state -> new Transition(state, e.getKey(), state)));
    }

    static Stream<Arguments> pairsNotInTable() {
        List<Arguments> list = new ArrayList<>();
        for (OrderState.Kind state : OrderState.Kind.values()) {
            for (OrderEvent.Kind event : OrderEvent.Kind.values()) {
                if (OrderTransitions.targets(state, event).isEmpty() && !OrderTransitions.creatingEvents().contains(event)) {
                    list.add(Arguments.of(state, event));
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitions")
    void eventLeadsToTheTargetStateOfItsRow(Transition t) {
        Checked<Order> result = OrderSamples.order(t.from()).applyEvent(OrderSamples.event(t.event(), t.to()));

        assertThat(result.problemOption()).as("problem").isEmpty();
        assertThat(result.orThrow().state().kind()).isEqualTo(t.to());
        exercised.add(t);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orthogonalTransitions")
    void orthogonalEventKeepsTheState(Transition t) {
        Order order = OrderSamples.order(t.from());

        Order next = order.applyEvent(OrderSamples.event(t.event())).orThrow();

        assertThat(next.state()).isEqualTo(order.state());
        exercised.add(t);
    }

    @ParameterizedTest(name = "{0} in state {1}")
    @MethodSource("pairsNotInTable")
    void eventNotInTableIsRejectedAsUnexpected(OrderState.Kind state, OrderEvent.Kind event) {
        Order order = OrderSamples.order(state);
        OrderEvent sample = OrderSamples.event(event);

        assertThatCode(() -> order.applyEvent(sample)).doesNotThrowAnyException();
        Problem problem = order.applyEvent(sample).problemOption().orElseThrow();
        assertThat(problem.code()).isEqualTo("UnexpectedOrderEvent");
        assertThat(problem.arguments()).containsEntry("event", event.typeName()).containsEntry("state", state.typeName());
    }

    @ParameterizedTest
    @EnumSource(OrderState.Kind.class)
    void creatingEventIsRejectedForAnExistingOrder(OrderState.Kind state) {
        for (OrderEvent.Kind event : OrderTransitions.creatingEvents()) {
            Checked<Order> result = OrderSamples.order(state).applyEvent(OrderSamples.event(event));

            assertThat(result.problemOption().map(Problem::code)).as(event.toString()).contains("OrderExists");
        }
    }

    @ParameterizedTest
    @EnumSource(OrderEvent.Kind.class)
    void everyEventKindHasASampleOfThatKind(OrderEvent.Kind kind) {
        assertThat(OrderSamples.event(kind).kind()).isEqualTo(kind);
    }

    @ParameterizedTest
    @EnumSource(OrderState.Kind.class)
    void everyStateKindHasASampleOfThatKind(OrderState.Kind kind) {
        assertThat(OrderSamples.order(kind).state().kind()).isEqualTo(kind);
    }

    @ParameterizedTest
    @EnumSource(OrderEvent.Kind.class)
    void everyEventKindIsInTheTableOrOrthogonalOrCreating(OrderEvent.Kind kind) {
        boolean inTable = OrderTransitions.transitions().stream().anyMatch(t -> t.event() == kind);
        boolean orthogonal = OrderTransitions.orthogonalEvents().containsKey(kind);
        boolean creating = OrderTransitions.creatingEvents().contains(kind);

        assertThat(inTable || orthogonal || creating).as(kind + " is nowhere in OrderTransitions").isTrue();
    }

    @Test
    void noEventIsBothStateChangingAndOrthogonalOrCreating() {
        Set<OrderEvent.Kind> inTable = EnumSet.noneOf(OrderEvent.Kind.class);
        OrderTransitions.transitions().forEach(t -> inTable.add(t.event()));

        assertThat(inTable).doesNotContainAnyElementsOf(OrderTransitions.orthogonalEvents().keySet())
                .doesNotContainAnyElementsOf(OrderTransitions.creatingEvents());
        assertThat(OrderTransitions.orthogonalEvents().keySet()).doesNotContainAnyElementsOf(OrderTransitions.creatingEvents());
    }

    @ParameterizedTest
    @EnumSource(OrderState.Kind.class)
    void everyStateKindIsTheSourceOrTargetOfATransition(OrderState.Kind kind) {
        assertThat(OrderTransitions.transitions()).anyMatch(t -> t.from() == kind || t.to() == kind);
    }

    @Test
    void tableHasNoDuplicateRows() {
        List<Transition> rows = OrderTransitions.transitions();

        assertThat(new HashSet<>(rows)).hasSameSizeAs(rows);
    }

    @Test
    void deletedIsReachedOnlyFromEndedStates() {
        assertThat(OrderTransitions.transitions()).filteredOn(t -> t.to() == OrderState.Kind.DELETED)
                .extracting(Transition::from)
                .allMatch(from -> OrderSamples.state(from).isTerminated());
    }

    @Test
    void cycleStartedInBetweenCyclesWithoutCycleStateIsAProblemNotAnException() {
        Order order = OrderSamples.order(OrderSamples.ORDER_ID, new OrderState.BetweenCycles(java.util.Optional.empty()),
                io.jobwerk.engine.workflow.Position.of(0));

        assertThatCode(() -> order.applyEvent(new OrderEvent.OrderCycleStarted())).doesNotThrowAnyException();
        assertThat(order.applyEvent(new OrderEvent.OrderCycleStarted()).isFail()).isTrue();
    }

    @AfterAll
    static void everyTransitionWasExercised() {
        if (exercised.isEmpty()) {
            return;  // the row tests were filtered out (-Dtest=…#method); nothing to judge
        }
        List<Transition> never = Stream.concat(transitions(), orthogonalTransitions())
                .filter(t -> !exercised.contains(t))
                .toList();
        assertThat(never).as("transitions never exercised").isEmpty();
    }
}
