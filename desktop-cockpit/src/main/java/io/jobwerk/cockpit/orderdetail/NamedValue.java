package io.jobwerk.cockpit.orderdetail;

/**
 * A row of the order detail's variables and return values: a name and its value in words; for a
 * return value, the position of the step that returned it and its outcome ({@code Succeeded} …).
 */
public record NamedValue(String name, String value, String position, String outcome) {

    static NamedValue variable(String name, String value) {
        return new NamedValue(name, value, "", "");
    }
}
