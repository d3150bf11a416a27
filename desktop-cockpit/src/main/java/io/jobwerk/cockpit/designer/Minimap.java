package io.jobwerk.cockpit.designer;

import io.jobwerk.cockpit.graph.GraphLayout;
import io.jobwerk.cockpit.graph.WorkflowGraphView;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * The whole workflow in small, with the visible part framed; a click or drag moves the view there.
 * Drawn from the last layout's boxes, so it costs nothing but a repaint.
 */
final class Minimap extends Canvas {

    private static final double WIDTH = 120;
    private static final double MAX_HEIGHT = 120;
    private final WorkflowGraphView graph;

    Minimap(WorkflowGraphView graph) {
        super(WIDTH, 60);
        this.graph = graph;
        setId("minimap");
        getStyleClass().add("minimap");
        graph.layoutProperty().addListener((o, a, b) -> draw());
        graph.hvalueProperty().addListener((o, a, b) -> draw());
        graph.vvalueProperty().addListener((o, a, b) -> draw());
        graph.viewportBoundsProperty().addListener((o, a, b) -> draw());
        graph.zoomProperty().addListener((o, a, b) -> draw());
        setOnMousePressed(e -> moveTo(e.getX(), e.getY()));
        setOnMouseDragged(e -> moveTo(e.getX(), e.getY()));
    }

    private double scale(GraphLayout.Laid laid) {
        return Math.min(WIDTH / (laid.width() + 80), MAX_HEIGHT / (laid.height() + 20));
    }

    void draw() {
        GraphLayout.Laid laid = graph.layoutProperty().get();
        if (laid == null) {
            return;
        }
        double s = scale(laid);
        setWidth(Math.max(20, (laid.width() + 80) * s));
        setHeight(Math.max(20, (laid.height() + 20) * s));
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, getWidth(), getHeight());
        g.setFill(Color.rgb(128, 128, 128, 0.10));
        g.fillRect(0, 0, getWidth(), getHeight());
        g.setFill(Color.rgb(80, 120, 200, 0.7));
        for (GraphLayout.Box b : laid.boxes().values()) {
            g.fillRect(b.x() * s, b.y() * s, Math.max(2, b.width() * s), Math.max(2, b.height() * s));
        }
        double zoom = graph.zoomProperty().get();
        double contentW = (laid.width() + 80) * zoom;
        double contentH = (laid.height() + 20) * zoom;
        double viewW = graph.getViewportBounds().getWidth();
        double viewH = graph.getViewportBounds().getHeight();
        double x = Math.max(0, contentW - viewW) * graph.getHvalue();
        double y = Math.max(0, contentH - viewH) * graph.getVvalue();
        g.setStroke(Color.rgb(230, 120, 30));
        g.setLineWidth(1.5);
        g.strokeRect(x / zoom * s, y / zoom * s, Math.min(viewW, contentW) / zoom * s, Math.min(viewH, contentH) / zoom * s);
    }

    private void moveTo(double mx, double my) {
        GraphLayout.Laid laid = graph.layoutProperty().get();
        if (laid == null) {
            return;
        }
        double s = scale(laid);
        double zoom = graph.zoomProperty().get();
        double contentW = (laid.width() + 80) * zoom;
        double contentH = (laid.height() + 20) * zoom;
        double viewW = graph.getViewportBounds().getWidth();
        double viewH = graph.getViewportBounds().getHeight();
        if (contentW > viewW) {
            graph.setHvalue(clamp((mx / s * zoom - viewW / 2) / (contentW - viewW)));
        }
        if (contentH > viewH) {
            graph.setVvalue(clamp((my / s * zoom - viewH / 2) / (contentH - viewH)));
        }
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
