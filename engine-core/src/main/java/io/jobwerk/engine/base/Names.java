package io.jobwerk.engine.base;

/**
 * Validation rules for names and paths of ids, as JS7 applies them.
 *
 * <p>A <em>name</em> is non-empty, has no control characters, no whitespace, and none of
 * {@code / \ | ~ : , ; " ' < > * ? #} nor a leading or trailing dot or dash.
 * A <em>path</em> is one or more names joined by single slashes ({@code folder/sub/name}).
 */
public final class Names {
    private Names() {}

    /** An enum constant's name as a JSON TYPE: {@code PROCESSING_STARTED} → {@code ProcessingStarted}. */
    public static String camelCase(String enumName) {
        StringBuilder sb = new StringBuilder();
        for (String part : enumName.split("_")) {
            sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return sb.toString();
    }

    private static final String FORBIDDEN = "/\\|~:,;\"'<>*?#";

    /** Whether {@code string} contains a control character (a loop: ids are checked on every decode). */
    public static boolean hasControlCharacter(String string) {
        for (int i = 0; i < string.length(); i++) {
            if (Character.isISOControl(string.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The reason {@code name} is not a valid name, or null if it is. */
    public static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "must not be empty";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                return "must not contain whitespace or control characters";
            }
            if (FORBIDDEN.indexOf(c) >= 0) {
                return "must not contain '" + c + "'";
            }
        }
        char first = name.charAt(0);
        char last = name.charAt(name.length() - 1);
        if (first == '.' || first == '-' || last == '.' || last == '-') {
            return "must not start or end with '.' or '-'";
        }
        return null;
    }

    /** The reason {@code path} is not a valid path, or null if it is. */
    public static String pathProblem(String path) {
        if (path == null || path.isEmpty()) {
            return "must not be empty";
        }
        if (path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
            return "must not start or end with '/' nor contain '//'";
        }
        for (String name : path.split("/")) {
            String problem = nameProblem(name);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** Throws {@link IllegalArgumentException} naming the kind when {@code string} is not a valid path. */
    public static String requirePath(String kind, String string) {
        String problem = pathProblem(string);
        if (problem != null) {
            throw new IllegalArgumentException("Invalid " + kind + " '" + string + "': " + problem);
        }
        return string;
    }

    /** Throws {@link IllegalArgumentException} naming the kind when {@code string} is not a valid name. */
    public static String requireName(String kind, String string) {
        String problem = nameProblem(string);
        if (problem != null) {
            throw new IllegalArgumentException("Invalid " + kind + " '" + string + "': " + problem);
        }
        return string;
    }

    /** Runs a constructor that validates by throwing, as a {@code Checked} with code {@code InvalidName}. */
    public static <T> Checked<T> checked(java.util.function.Supplier<T> constructor) {
        try {
            return Checked.ok(constructor.get());
        } catch (IllegalArgumentException | NullPointerException e) {
            return Checked.fail("InvalidName", String.valueOf(e.getMessage()));
        }
    }
}
