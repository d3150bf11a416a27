package io.jobwerk.engine.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * The entry point to the JS7 engine JSON format: a shared, configured {@link ObjectMapper} and
 * helpers to parse and print JSON text. The codecs per area are {@link WorkflowJson},
 * {@link InstructionJson}, {@link JobJson}, {@link TimeJson}, {@link ValueJson}, {@link OutcomeJson},
 * {@link PositionJson}, {@link ProblemJson}, {@link OrderJson}, {@link CommandJson}, {@link ItemJson},
 * {@link ItemOperationJson}, {@link EventJson} (with {@link OrderEventJson}, {@link ItemEventJson},
 * {@link NoticeEventJson}, {@link WorkflowControlEventJson}, {@link SystemEventJson}) and {@link EngineStateJson}.
 *
 * <p>Numbers: fractions are read as {@link BigDecimal} (never {@code double}), trailing zeros are
 * kept ({@code 1.50} stays {@code 1.50}) and numbers are written in plain notation
 * ({@code 60}, never {@code 6E+1}). Object keys keep their order.
 *
 * <p>Decoders of this package never throw for bad input; they return a {@link Checked} whose
 * problem has code {@code JsonDecode}, a message starting with {@code JSON path $.…:} and the
 * argument {@code path}. Encoders throw {@link IllegalArgumentException} only for values that have
 * no JSON form (a {@code Missing} or {@code Function} value), which a decoded model never contains.
 */
public final class EngineJson {
    private EngineJson() {}

    /** Problem code of a decode error (wrong shape, unknown TYPE, invalid name or value). */
    public static final String DECODE_PROBLEM = JsonCursor.PROBLEM_CODE;

    /** Problem code of malformed JSON text; arguments {@code line} and {@code column}. */
    public static final String SYNTAX_PROBLEM = "JsonSyntax";

    // Declared before MAPPER, which uses it during class initialisation. Decimal nodes are made with
    // DecimalNode.valueOf, never through a factory that could strip trailing zeros.
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Shared mapper: BigDecimal for fractions, exact decimals, plain BigDecimal output. Do not reconfigure. */
    public static final ObjectMapper MAPPER = createMapper();

    private static ObjectMapper createMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        mapper.disable(SerializationFeature.INDENT_OUTPUT);
        mapper.setNodeFactory(NODES);
        return mapper;
    }

    /** Parses JSON text into a tree; a syntax error is a problem naming line and column. */
    public static Checked<JsonNode> parse(String json) {
        return parse(() -> MAPPER.readTree(json));
    }

    /** Parses UTF-8 JSON text (as journals and event streams hold it) without making a String of it first. */
    public static Checked<JsonNode> parse(byte[] utf8) {
        return parse(() -> MAPPER.readTree(utf8));
    }

    private interface TreeReading {
        JsonNode read() throws Exception;  // Jackson declares IOException (java.io is not used in the core)
    }

    private static Checked<JsonNode> parse(TreeReading reading) {
        try {
            JsonNode node = reading.read();
            if (node == null || node.isMissingNode()) {
                return Checked.fail(Problem.of(SYNTAX_PROBLEM, "JSON syntax error at line 1, column 1: no content",
                        Map.of("line", "1", "column", "1")));
            }
            return Checked.ok(node);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String line = loc == null ? "?" : Integer.toString(loc.getLineNr());
            String column = loc == null ? "?" : Integer.toString(loc.getColumnNr());
            return Checked.fail(Problem.of(SYNTAX_PROBLEM,
                    "JSON syntax error at line " + line + ", column " + column + ": " + e.getOriginalMessage(),
                    Map.of("line", line, "column", column)));
        } catch (Exception e) {
            // Not a syntax error Jackson locates, e.g. bytes it takes for UTF-32 (CharConversionException)
            return Checked.fail(Problem.of(SYNTAX_PROBLEM, "JSON cannot be read: " + e.getMessage(), Map.of()));
        }
    }

    /** Compact JSON text (no whitespace), keys in tree order, numbers in plain notation. */
    public static String print(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot print a JSON tree", e);  // trees always print
        }
    }

    /** As {@link #print}, as UTF-8 bytes, written as such rather than through a String. */
    public static byte[] printBytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot print a JSON tree", e);
        }
    }

    /** Indented JSON text, for humans and files. */
    public static String prettyPrint(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot print a JSON tree", e);
        }
    }

    // Node construction shared by the codecs

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** A number node: integral values as integers, others as exact decimals (plain on output). */
    static JsonNode number(BigDecimal number) {
        if (number.signum() == 0) {
            return number.scale() <= 0 ? LongNode.valueOf(0) : DecimalNode.valueOf(number);
        }
        if (number.scale() <= 0) {
            BigInteger i = number.toBigIntegerExact();
            return i.bitLength() < 64 ? LongNode.valueOf(i.longValue()) : NODES.numberNode(i);
        }
        return DecimalNode.valueOf(number);
    }

    /** Seconds as JS7 writes durations: {@code 60}, {@code 0.5}. */
    static JsonNode seconds(Duration duration) {
        BigDecimal s = BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
        return number(s.stripTrailingZeros());
    }
}
