package io.jobwerk.cockpit.designer;

import io.jobwerk.engine.workflow.Position;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;

/**
 * Selection by a frame: a drag that starts on the graph's empty space (not on a box, not on a scroll
 * bar) draws a rectangle, and on release the instructions whose boxes it touches are selected —
 * instead of the selection, or besides it with Shift or Ctrl held. The rectangle lies on an overlay
 * above the graph and takes no mouse events.
 */
final class RubberBand {
    private static final double SLOP = 4; // a smaller movement is a click

    private final Rectangle frame = new Rectangle();
    private final Pane overlay;
    private final Supplier<Map<Position, Region>> boxes;
    private final BiConsumer<List<Position>, Boolean> onFramed;
    private Point2D start; // in scene coordinates; null when no band is being drawn

    /**
     * @param graph where the drag starts
     * @param overlay a pane above the graph, as large as it, for the rectangle
     * @param boxes the boxes of the instructions now drawn, by position
     * @param onFramed the framed positions and whether to add them to the selection
     */
    RubberBand(Node graph, Pane overlay, Supplier<Map<Position, Region>> boxes, BiConsumer<List<Position>, Boolean> onFramed) {
        this.overlay = overlay;
        this.boxes = boxes;
        this.onFramed = onFramed;
        frame.getStyleClass().add("rubber-band");
        frame.setManaged(false);
        frame.setMouseTransparent(true);
        frame.setVisible(false);
        overlay.setPickOnBounds(false);
        overlay.setMouseTransparent(true);
        overlay.getChildren().add(frame);
        graph.addEventFilter(MouseEvent.MOUSE_PRESSED, this::pressed);
        graph.addEventFilter(MouseEvent.MOUSE_DRAGGED, this::dragged);
        graph.addEventFilter(MouseEvent.MOUSE_RELEASED, this::released);
    }

    private void pressed(MouseEvent e) {
        start = e.getButton() == MouseButton.PRIMARY && onEmptySpace(e) ? new Point2D(e.getSceneX(), e.getSceneY()) : null;
    }

    private void dragged(MouseEvent e) {
        if (start == null) {
            return;
        }
        Bounds band = band(e);
        if (!frame.isVisible() && band.getWidth() < SLOP && band.getHeight() < SLOP) {
            return;
        }
        Bounds local = overlay.sceneToLocal(band);
        frame.setX(local.getMinX());
        frame.setY(local.getMinY());
        frame.setWidth(local.getWidth());
        frame.setHeight(local.getHeight());
        frame.setVisible(true);
        e.consume();
    }

    private void released(MouseEvent e) {
        if (start == null) {
            return;
        }
        boolean drawn = frame.isVisible();
        Bounds band = band(e);
        start = null;
        frame.setVisible(false);
        if (drawn) {
            List<Position> framed = boxes.get().entrySet().stream()
                    .filter(b -> b.getValue().getScene() != null && b.getValue().localToScene(b.getValue().getLayoutBounds()).intersects(band))
                    .map(Map.Entry::getKey)
                    .toList();
            onFramed.accept(framed, e.isShiftDown() || e.isShortcutDown());
            e.consume();
        }
    }

    private Bounds band(MouseEvent e) {
        return new BoundingBox(Math.min(start.getX(), e.getSceneX()), Math.min(start.getY(), e.getSceneY()),
                Math.abs(e.getSceneX() - start.getX()), Math.abs(e.getSceneY() - start.getY()));
    }

    private static boolean onEmptySpace(MouseEvent e) {
        for (Node n = e.getPickResult().getIntersectedNode(); n != null; n = n.getParent()) {
            if (n.getStyleClass().contains("graph-node") || n instanceof ScrollBar) {
                return false;
            }
        }
        return true;
    }
}
