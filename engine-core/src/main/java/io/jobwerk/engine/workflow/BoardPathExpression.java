package io.jobwerk.engine.workflow;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.path.BoardPath;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which notices an {@code ExpectNotices} or {@code ConsumeNotices} waits for: board paths in single
 * quotes combined with {@code &&}, {@code ||} and parentheses, e.g. {@code 'A' || 'B' && 'C'}
 * ({@code &&} binds tighter). The source text is kept for JSON.
 */
public record BoardPathExpression(String source, Node node) {

    public sealed interface Node permits Board, And, Or {}

    public record Board(BoardPath boardPath) implements Node {}

    public record And(Node left, Node right) implements Node {}

    public record Or(Node left, Node right) implements Node {}

    public BoardPathExpression {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(node, "node");
    }

    /** Whether the expression holds when exactly the boards for which {@code hasNotice} is true have a notice. */
    public boolean isFulfilled(Predicate<BoardPath> hasNotice) {
        return eval(node, hasNotice);
    }

    private static boolean eval(Node node, Predicate<BoardPath> hasNotice) {
        if (node instanceof Board b) {
            return hasNotice.test(b.boardPath());
        } else if (node instanceof And and) {
            return eval(and.left(), hasNotice) && eval(and.right(), hasNotice);
        } else {
            Or or = (Or) node;
            return eval(or.left(), hasNotice) || eval(or.right(), hasNotice);
        }
    }

    /** All boards named, in order of appearance. */
    public List<BoardPath> boardPaths() {
        Set<BoardPath> set = new LinkedHashSet<>();
        collect(node, set);
        return new ArrayList<>(set);
    }

    private static void collect(Node node, Set<BoardPath> set) {
        if (node instanceof Board b) {
            set.add(b.boardPath());
        } else if (node instanceof And and) {
            collect(and.left(), set);
            collect(and.right(), set);
        } else if (node instanceof Or or) {
            collect(or.left(), set);
            collect(or.right(), set);
        }
    }

    /** Parses the expression; an error names the 1-based column. */
    public static Checked<BoardPathExpression> parse(String source) {
        Parser p = new Parser(source);
        try {
            Node node = p.or();
            p.skipSpace();
            if (p.pos < source.length()) {
                return p.fail("end of expression");
            }
            return Checked.ok(new BoardPathExpression(source, node));
        } catch (ParseError e) {
            return Checked.fail(e.problem);
        }
    }

    public static BoardPathExpression of(String source) {
        return parse(source).orThrow();
    }

    @Override
    public String toString() {
        return source;
    }

    private static final class ParseError extends RuntimeException {
        final transient Problem problem;

        ParseError(Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }

    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        <T> Checked<T> fail(String expected) {
            return Checked.fail(problem(expected));
        }

        Problem problem(String expected) {
            return Problem.of("ExpressionSyntax",
                    "Expected " + expected + " at column " + (pos + 1) + " in board expression: " + s);
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        boolean take(String token) {
            skipSpace();
            if (s.startsWith(token, pos)) {
                pos += token.length();
                return true;
            }
            return false;
        }

        Node or() {
            Node left = and();
            while (take("||")) {
                left = new Or(left, and());
            }
            return left;
        }

        Node and() {
            Node left = atom();
            while (take("&&")) {
                left = new And(left, atom());
            }
            return left;
        }

        Node atom() {
            if (take("(")) {
                Node inner = or();
                if (!take(")")) {
                    throw new ParseError(problem("')'"));
                }
                return inner;
            }
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == '\'') {
                int end = s.indexOf('\'', pos + 1);
                if (end < 0) {
                    throw new ParseError(problem("closing quote"));
                }
                String name = s.substring(pos + 1, end);
                Checked<BoardPath> path = BoardPath.checked(name);
                if (path.isFail()) {
                    throw new ParseError(path.problemOption().orElseThrow());
                }
                pos = end + 1;
                return new Board(path.orThrow());
            }
            throw new ParseError(problem("a board path in single quotes or '('"));
        }
    }
}
