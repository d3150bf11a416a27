package io.jobwerk.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.ItemEvent;
import io.jobwerk.engine.job.Executable;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderMark;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.time.AdmissionPeriod;
import io.jobwerk.engine.time.Schedule;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.workflow.Instruction;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sealed family with an {@code enum Kind}: each permitted subtype (recursively through sealed
 * sub-interfaces) answers a distinct kind, and each kind has a subtype. Switches over kinds are only
 * exhaustive if this holds.
 *
 * <p>{@code kind()} is asked of an instance allocated without running its constructor (the
 * constructors validate their components, and {@code kind()} returns a constant), so the test needs no
 * sample per subtype and a new subtype is checked without editing it.
 */
class KindCompletenessTest {

    static Stream<Arguments> families() {
        return Stream.of(
                Arguments.of(Instruction.class, Instruction.Kind.class),
                Arguments.of(OrderEvent.class, OrderEvent.Kind.class),
                Arguments.of(OrderState.class, OrderState.Kind.class),
                Arguments.of(Outcome.class, Outcome.Kind.class),
                Arguments.of(Executable.class, Executable.Kind.class),
                Arguments.of(Command.class, Command.Kind.class),
                Arguments.of(ItemEvent.class, ItemEvent.Kind.class),
                Arguments.of(Item.class, Item.Kind.class),
                Arguments.of(AdmissionPeriod.class, AdmissionPeriod.Kind.class),
                Arguments.of(Schedule.Repeat.class, Schedule.Repeat.Kind.class),
                Arguments.of(OrderMark.class, OrderMark.Kind.class),
                Arguments.of(Value.class, Value.Kind.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void everyPermittedSubtypeHasItsOwnKind(Class<?> family, Class<? extends Enum<?>> kindEnum) throws Exception {
        Map<Object, Class<?>> kindToSubtype = new LinkedHashMap<>();
        List<String> clashes = new ArrayList<>();
        for (Class<?> subtype : leaves(family)) {
            Object kind = kindOf(subtype);
            assertThat(kind).as(subtype.getName() + ".kind()").isInstanceOf(kindEnum);
            Class<?> previous = kindToSubtype.put(kind, subtype);
            if (previous != null) {
                clashes.add(kind + ": " + previous.getSimpleName() + " and " + subtype.getSimpleName());
            }
        }
        assertThat(clashes).as("kinds shared by several subtypes of " + family.getSimpleName()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void everyKindHasASubtype(Class<?> family, Class<? extends Enum> kindEnum) throws Exception {
        Set<Enum> missing = EnumSet.allOf((Class) kindEnum);
        for (Class<?> subtype : leaves(family)) {
            missing.remove(kindOf(subtype));
        }
        assertThat(missing).as("kinds of " + family.getSimpleName() + " without a subtype").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(OrderEvent.Kind.class)
    void orderEventTypeNameIsTheRecordName(OrderEvent.Kind kind) throws Exception {
        assertThat(kind.typeName()).isEqualTo(subtypeOf(OrderEvent.class, kind).getSimpleName());
    }

    @ParameterizedTest
    @EnumSource(OrderState.Kind.class)
    void orderStateTypeNameIsTheRecordName(OrderState.Kind kind) throws Exception {
        assertThat(kind.typeName()).isEqualTo(subtypeOf(OrderState.class, kind).getSimpleName());
    }

    @Test
    void leavesAreFoundThroughSealedSubInterfaces() {
        assertThat(leaves(Outcome.class)).contains(Outcome.Succeeded.class, Outcome.Failed.class)
                .doesNotContain(Outcome.Completed.class);
    }

    private static Class<?> subtypeOf(Class<?> family, Object kind) throws Exception {
        for (Class<?> subtype : leaves(family)) {
            if (kindOf(subtype) == kind) {
                return subtype;
            }
        }
        throw new AssertionError("No subtype of " + family.getSimpleName() + " has kind " + kind);
    }

    /** The concrete permitted subtypes, descending through sealed sub-interfaces. */
    static List<Class<?>> leaves(Class<?> sealed) {
        List<Class<?>> list = new ArrayList<>();
        for (Class<?> sub : sealed.getPermittedSubclasses()) {
            if (sub.isSealed()) {
                list.addAll(leaves(sub));
            } else {
                list.add(sub);
            }
        }
        return list;
    }

    private static Object kindOf(Class<?> subtype) throws Exception {
        Object instance = unsafe().getClass().getMethod("allocateInstance", Class.class).invoke(unsafe(), subtype);
        Method kind = subtype.getMethod("kind");
        kind.setAccessible(true);
        return kind.invoke(instance);
    }

    private static Object unsafe() throws Exception {
        Field field = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
        field.setAccessible(true);
        return field.get(null);
    }
}
