package io.jobwerk.cockpit.designer;

import java.util.Collection;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * A job's shell script with line numbers and syntax colouring (comments, strings, variables,
 * keywords, the shebang), restyled on every change: scripts are short, so a full pass is cheap.
 */
final class ScriptEditor extends CodeArea {

    private static final Pattern SHELL = Pattern.compile(
            "(?<shebang>\\A#!.*)|(?<comment>#[^\\n]*)|(?<string>\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*')"
            + "|(?<variable>\\$\\{?[A-Za-z_][A-Za-z0-9_]*\\}?|\\$[0-9?#@*$!])"
            + "|(?<keyword>\\b(?:if|then|else|elif|fi|for|while|until|do|done|case|esac|in|function|return|exit|set|export|local|echo|sleep)\\b)");

    ScriptEditor(String script) {
        super(script);
        getStyleClass().add("script-editor");
        setParagraphGraphicFactory(LineNumberFactory.get(this));
        textProperty().addListener((o, a, text) -> setStyleSpans(0, highlight(text)));
        setStyleSpans(0, highlight(script));
    }

    static StyleSpans<Collection<String>> highlight(String text) {
        Matcher m = SHELL.matcher(text);
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int last = 0;
        while (m.find()) {
            String style = m.group("shebang") != null ? "sh-shebang" : m.group("comment") != null ? "sh-comment"
                    : m.group("string") != null ? "sh-string" : m.group("variable") != null ? "sh-variable" : "sh-keyword";
            spans.add(Collections.emptyList(), m.start() - last);
            spans.add(Collections.singleton(style), m.end() - m.start());
            last = m.end();
        }
        spans.add(Collections.emptyList(), text.length() - last);
        return spans.create();
    }
}
