package io.jobwerk.cockpit.orderdetail;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;

/**
 * An order's job steps on one time axis: a row per step (label, then a bar from its start to its
 * end, green when it succeeded, red when not, blue while it runs) under an axis of times in the
 * operator's zone. Fork children's rows are indented under their fork. Drawn from
 * {@link #show}; the bars follow the chart's width.
 */
public final class GanttChart extends Region {

    static final double LABEL_WIDTH = 280;
    static final double ROW_HEIGHT = 24;
    static final double AXIS_HEIGHT = 22;
    private static final double DURATION_WIDTH = 70;
    private static final long[] TICK_MILLIS = {100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000,
            600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000};
    private static final DateTimeFormatter TICK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter TICK_MS = DateTimeFormatter.ofPattern("HH:mm:ss.S");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS z");

    private final ZoneId zone;
    private final List<Row> rows = new ArrayList<>();
    private final List<Node> axis = new ArrayList<>();
    private Instant from = Instant.EPOCH;
    private Instant to = Instant.EPOCH;
    private Instant now = Instant.EPOCH;

    private record Row(GanttStep step, Region background, Label label, Region bar, Label duration) {}

    public GanttChart(ZoneId zone) {
        this.zone = zone;
        getStyleClass().add("gantt");
        setId("gantt");
    }

    public void show(List<GanttStep> steps, Instant now) {
        this.now = now;
        getChildren().clear();
        rows.clear();
        axis.clear();
        if (steps.isEmpty()) {
            requestLayout();
            return;
        }
        from = steps.stream().map(GanttStep::start).min(Instant::compareTo).orElseThrow();
        to = steps.stream().map(s -> s.endOr(now)).max(Instant::compareTo).orElseThrow();
        if (!to.isAfter(from)) {
            to = from.plusSeconds(1);
        }
        int i = 0;
        for (GanttStep step : steps) {
            Region background = new Region();
            if (i++ % 2 == 1) {
                background.getStyleClass().add("gantt-row-alt");
            }
            String name = step.depth() == 0 ? step.name() : step.branch() + " › " + step.name();
            Label label = new Label(name + "  " + step.positionText());
            label.getStyleClass().add("gantt-label");
            if (step.depth() > 0) {
                label.getStyleClass().add("gantt-child");
            }
            label.setTooltip(new Tooltip(describe(step)));
            Region bar = new Region();
            bar.getStyleClass().addAll("gantt-bar", step.running() ? "gantt-running" : step.failed() ? "gantt-failed" : "gantt-succeeded");
            bar.setId("gantt-bar-" + rows.size());
            Tooltip.install(bar, new Tooltip(describe(step)));
            Label duration = new Label(format(step.duration(now)) + (step.running() ? " …" : ""));
            duration.getStyleClass().add("gantt-duration");
            rows.add(new Row(step, background, label, bar, duration));
            getChildren().addAll(background, label, bar, duration);
        }
        requestLayout();
    }

    @Override
    protected double computePrefHeight(double width) {
        return AXIS_HEIGHT + rows.size() * ROW_HEIGHT + 8;
    }

    @Override
    protected double computePrefWidth(double height) {
        return LABEL_WIDTH + 400 + DURATION_WIDTH;
    }

    @Override
    protected void layoutChildren() {
        double width = getWidth();
        double trackX = LABEL_WIDTH;
        double trackWidth = Math.max(50, width - LABEL_WIDTH - DURATION_WIDTH);
        double span = Duration.between(from, to).toMillis();
        getChildren().removeAll(axis);
        axis.clear();
        if (rows.isEmpty()) {
            return;
        }
        long tickMillis = TICK_MILLIS[TICK_MILLIS.length - 1];
        for (long candidate : TICK_MILLIS) {
            if (candidate / span * trackWidth >= 90) {
                tickMillis = candidate;
                break;
            }
        }
        DateTimeFormatter format = tickMillis < 1000 ? TICK_MS : TICK;
        long firstTick = (from.toEpochMilli() / tickMillis + 1) * tickMillis;
        double bottom = AXIS_HEIGHT + rows.size() * ROW_HEIGHT;
        for (long t = firstTick; t <= to.toEpochMilli(); t += tickMillis) {
            double x = trackX + (t - from.toEpochMilli()) / span * trackWidth;
            Label tick = new Label(format.format(Instant.ofEpochMilli(t).atZone(zone)));
            tick.getStyleClass().add("gantt-tick");
            tick.resizeRelocate(x - 40, 2, 80, AXIS_HEIGHT - 4);
            tick.setAlignment(javafx.geometry.Pos.CENTER);
            Line grid = new Line(x, AXIS_HEIGHT, x, bottom);
            grid.getStyleClass().add("gantt-grid-line");
            axis.add(grid);
            axis.add(tick);
        }
        Line axisLine = new Line(trackX, AXIS_HEIGHT, trackX + trackWidth, AXIS_HEIGHT);
        axisLine.getStyleClass().add("gantt-axis-line");
        axis.add(axisLine);
        getChildren().addAll(0, axis);
        rows.forEach(row -> row.background().toBack()); // the grid lines over the rows' stripes, under the bars
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            double y = AXIS_HEIGHT + i * ROW_HEIGHT;
            row.background().resizeRelocate(0, y, width, ROW_HEIGHT);
            row.label().resizeRelocate(8 + 16 * row.step().depth(), y, LABEL_WIDTH - 16 - 16 * row.step().depth(), ROW_HEIGHT);
            double x0 = trackX + Duration.between(from, row.step().start()).toMillis() / span * trackWidth;
            double x1 = trackX + Duration.between(from, row.step().endOr(now)).toMillis() / span * trackWidth;
            row.bar().resizeRelocate(x0, y + 5, Math.max(3, x1 - x0), ROW_HEIGHT - 10);
            row.duration().resizeRelocate(Math.min(x1 + 6, width - DURATION_WIDTH), y, DURATION_WIDTH, ROW_HEIGHT);
        }
    }

    private String describe(GanttStep step) {
        StringBuilder text = new StringBuilder(step.name() + " at " + step.positionText() + (step.branch().isEmpty() ? "" : " (branch " + step.branch() + ")"));
        step.agent().ifPresent(a -> text.append("\nAgent ").append(a));
        text.append("\nStarted ").append(TIME.format(step.start().atZone(zone)));
        step.end().ifPresent(e -> text.append("\nEnded ").append(TIME.format(e.atZone(zone))));
        text.append("\n").append(step.running() ? "running for " : "took ").append(format(step.duration(now)));
        if (!step.running()) {
            text.append("\n").append(step.outcome()).append(step.returnCode().map(rc -> ", return code " + rc).orElse(""));
        }
        step.message().ifPresent(m -> text.append("\n").append(m));
        return text.toString();
    }

    /** e.g. {@code 850 ms}, {@code 12.4 s}, {@code 3 min 05 s}, {@code 2 h 10 min} */
    static String format(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        } else if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        } else if (millis < 3_600_000) {
            return String.format(java.util.Locale.ROOT, "%d min %02d s", millis / 60_000, millis / 1000 % 60);
        }
        return String.format(java.util.Locale.ROOT, "%d h %02d min", millis / 3_600_000, millis / 60_000 % 60);
    }
}
