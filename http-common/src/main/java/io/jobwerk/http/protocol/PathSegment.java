package io.jobwerk.http.protocol;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One segment of a URL path that holds any string, e.g. the order id of
 * {@code /controller/api/order/ID/obstacles}: every byte of its UTF-8 form is percent-encoded except
 * RFC 3986's unreserved characters ({@code A-Z a-z 0-9 - . _ ~}), so {@code /}, {@code ?}, {@code #},
 * {@code %}, {@code ;} (which Undertow takes for a path parameter), {@code +}, spaces and letters
 * beyond ASCII stay inside the segment. The servers route on the undecoded path and decode a
 * template's parameters with {@link #decode} ({@code Exchanges.pathParameter}).
 *
 * <p>The segments {@code .} and {@code ..} cannot be sent, encoded or not: URL resolution
 * (OkHttp's, RFC 3986's) removes them ({@link #isDotSegment}).
 */
public final class PathSegment {
    private PathSegment() {}

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** {@code string} as one percent-encoded path segment. */
    public static String encode(String string) {
        byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return sb.toString();
    }

    /**
     * The string an encoded segment holds: each {@code %XX} is a byte, the bytes are UTF-8 ({@code +}
     * is a plus, not a space: that is forms' rule, not paths'). {@code BadRequest} for a {@code %}
     * without two hex digits or bytes that are not UTF-8.
     */
    public static Checked<String> decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return Checked.ok(segment);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); ) {
            int percent = segment.indexOf('%', i);
            if (percent != i) {
                int end = percent < 0 ? segment.length() : percent;
                bytes.writeBytes(segment.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            } else {
                int hi = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(segment.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    return invalid(segment, "'%' must be followed by two hex digits");
                }
                bytes.write(hi << 4 | lo);
                i += 3;
            }
        }
        try {
            return Checked.ok(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return invalid(segment, "the escaped bytes are not UTF-8");
        }
    }

    /** {@code .} and {@code ..}, which cannot be path segments (URL resolution removes them). */
    public static boolean isDotSegment(String string) {
        return string.equals(".") || string.equals("..");
    }

    private static Checked<String> invalid(String segment, String why) {
        return Checked.fail(Problem.of("BadRequest", "Invalid URL path segment '" + segment + "': " + why, Map.of("segment", segment)));
    }
}
