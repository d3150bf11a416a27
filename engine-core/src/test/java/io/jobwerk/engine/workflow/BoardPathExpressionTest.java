package io.jobwerk.engine.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.workflow.BoardPathExpression.And;
import io.jobwerk.engine.workflow.BoardPathExpression.Board;
import io.jobwerk.engine.workflow.BoardPathExpression.Or;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoardPathExpressionTest {

    private static Board board(String name) {
        return new Board(new BoardPath(name));
    }

    @Test
    void andBindsTighterThanOr() {
        assertThat(BoardPathExpression.of("'A' || 'B' && 'C'").node())
                .isEqualTo(new Or(board("A"), new And(board("B"), board("C"))));
        assertThat(BoardPathExpression.of("'A' && 'B' || 'C'").node())
                .isEqualTo(new Or(new And(board("A"), board("B")), board("C")));
    }

    @Test
    void parenthesesGroup() {
        assertThat(BoardPathExpression.of("('A' || 'B') && 'C'").node())
                .isEqualTo(new And(new Or(board("A"), board("B")), board("C")));
    }

    @Test
    void operatorsAssociateToTheLeft() {
        assertThat(BoardPathExpression.of("'A' && 'B' && 'C'").node())
                .isEqualTo(new And(new And(board("A"), board("B")), board("C")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "'A' || 'B' && 'C'   ; A   ; true",
            "'A' || 'B' && 'C'   ; B   ; false",
            "'A' || 'B' && 'C'   ; B,C ; true",
            "('A' || 'B') && 'C' ; A   ; false",
            "('A' || 'B') && 'C' ; A,C ; true",
            "'folder/X'          ; folder/X ; true"})
    void isFulfilledByTheBoardsWithNotices(String source, String withNotice, boolean fulfilled) {
        Set<String> boards = Set.of(withNotice.split(","));

        assertThat(BoardPathExpression.of(source).isFulfilled(b -> boards.contains(b.string()))).isEqualTo(fulfilled);
    }

    @Test
    void boardPathsAreDistinctInOrderOfAppearance() {
        assertThat(BoardPathExpression.of("'B' && 'A' || 'B'").boardPaths())
                .containsExactly(new BoardPath("B"), new BoardPath("A"));
    }

    @Test
    void sourceIsKept() {
        assertThat(BoardPathExpression.of(" 'A'&&'B' ").toString()).isEqualTo(" 'A'&&'B' ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "'A' &&      | Expected a board path in single quotes or '(' at column 7",
            "('A'        | Expected ')' at column 5",
            "'A          | Expected closing quote at column 1",
            "'A' 'B'     | Expected end of expression at column 5",
            "'A' & 'B'   | Expected end of expression at column 5",
            "\"\"        | Expected a board path in single quotes or '(' at column 1",
            "A           | Expected a board path in single quotes or '(' at column 1"})
    void syntaxErrorNamesTheColumn(String source, String message) {
        Problem problem = BoardPathExpression.parse(source).problemOption().orElseThrow();

        assertThat(problem.code()).isEqualTo("ExpressionSyntax");
        assertThat(problem.message()).startsWith(message + " in board expression");
    }

    @Test
    void invalidBoardPathIsAProblem() {
        assertThat(BoardPathExpression.parse("'a//b'").isFail()).isTrue();
    }
}
