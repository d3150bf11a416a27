package io.jobwerk.agent;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.value.Scope;
import io.jobwerk.engine.value.expression.ExpressionParser;
import io.jobwerk.engine.value.expression.ValueConversions;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code CommandLineExecutable}'s command: words separated by blanks; a word in double quotes
 * may contain blanks and {@code $name}/{@code ${name}} references (as an expression string); a word
 * in single quotes is taken literally; an unquoted word may be or contain {@code $name}.
 */
final class CommandLines {
    private CommandLines() {}

    static Checked<List<String>> evaluate(String command, Scope scope) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = command.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(command.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            StringBuilder word = new StringBuilder();
            while (i < n && !Character.isWhitespace(command.charAt(i))) {
                char c = command.charAt(i);
                if (c == '\'') {
                    int end = command.indexOf('\'', i + 1);
                    if (end < 0) {
                        return Checked.fail(Problem.of("CommandLineSyntax", "Unclosed ' at column " + (i + 1) + " in command line: " + command));
                    }
                    word.append(command, i + 1, end);
                    i = end + 1;
                } else if (c == '"') {
                    int end = i + 1;
                    while (end < n && command.charAt(end) != '"') {
                        end += command.charAt(end) == '\\' ? 2 : 1;
                    }
                    if (end >= n) {
                        return Checked.fail(Problem.of("CommandLineSyntax", "Unclosed \" at column " + (i + 1) + " in command line: " + command));
                    }
                    Checked<String> s = interpolate(command.substring(i, end + 1), scope);
                    if (s.isFail()) {
                        return s.map(List::of);
                    }
                    word.append(s.orThrow());
                    i = end + 1;
                } else {
                    int end = i;
                    while (end < n && !Character.isWhitespace(command.charAt(end)) && command.charAt(end) != '"' && command.charAt(end) != '\'') {
                        end++;
                    }
                    String part = command.substring(i, end);
                    if (part.indexOf('$') >= 0) {
                        Checked<String> s = interpolate('"' + part + '"', scope);
                        if (s.isFail()) {
                            return s.map(List::of);
                        }
                        word.append(s.orThrow());
                    } else {
                        word.append(part);
                    }
                    i = end;
                }
            }
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            return Checked.fail(Problem.of("CommandLineSyntax", "The command line is empty"));
        }
        return Checked.ok(words);
    }

    private static Checked<String> interpolate(String doubleQuoted, Scope scope) {
        return ExpressionParser.parse(doubleQuoted).flatMap(e -> e.evaluate(scope)).flatMap(ValueConversions::convertToString);
    }
}
