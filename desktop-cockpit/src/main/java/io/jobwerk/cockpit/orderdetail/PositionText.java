package io.jobwerk.cockpit.orderdetail;

import java.util.ArrayList;
import java.util.List;

/** A position as operators read it in JS7: {@code [1,"fork+eu",0]} becomes {@code 1/fork+eu:0}; other text stays as it is. */
final class PositionText {
    private PositionText() {}

    static String of(String position) {
        String p = position.trim();
        if (!p.startsWith("[") || !p.endsWith("]")) {
            return position;
        }
        List<String> parts = new ArrayList<>();
        for (String part : p.substring(1, p.length() - 1).split(",")) {
            parts.add(part.trim().replace("\"", ""));
        }
        if (parts.size() % 2 == 0) {
            return position;
        }
        StringBuilder text = new StringBuilder(parts.get(0));
        for (int i = 1; i < parts.size(); i += 2) {
            text.append('/').append(parts.get(i)).append(':').append(parts.get(i + 1));
        }
        return text.toString();
    }
}
