package org.linedesk.report.table;

/**
 * A column of an exported table. Values by type: TEXT any object (as text), INTEGER and NUMBER a
 * {@link Number}, PERCENT a number 0..100, DATETIME an {@link java.time.Instant} (shown in the report's
 * zone), DATE a {@link java.time.LocalDate}, DURATION seconds as a {@link Number}. Null: an empty cell.
 */
public record Column(String title, Type type, int width) {

    public enum Type { TEXT, INTEGER, NUMBER, PERCENT, DATETIME, DATE, DURATION }

    public static Column text(String title, int width) {
        return new Column(title, Type.TEXT, width);
    }

    public static Column integer(String title) {
        return new Column(title, Type.INTEGER, Math.max(10, title.length() + 2));
    }

    public static Column number(String title) {
        return new Column(title, Type.NUMBER, Math.max(10, title.length() + 2));
    }

    public static Column percent(String title) {
        return new Column(title, Type.PERCENT, Math.max(10, title.length() + 2));
    }

    public static Column dateTime(String title) {
        return new Column(title, Type.DATETIME, Math.max(17, title.length() + 2));
    }

    public static Column date(String title) {
        return new Column(title, Type.DATE, Math.max(11, title.length() + 2));
    }

    public static Column duration(String title) {
        return new Column(title, Type.DURATION, Math.max(11, title.length() + 2));
    }
}
