import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Draws the Cockpit's application icon at build time (a single-file program: {@code java CockpitIcon.java OUT.png [SIZE]}):
 * a cog, for the scheduler, around a play mark, for an order that runs, on a rounded blue tile.
 * Drawn rather than kept as a binary, so the icon is reviewed as code and renders sharp at any size.
 */
public final class CockpitIcon {

    private static final Color TILE_TOP = new Color(0x2D6A9F);
    private static final Color TILE_BOTTOM = new Color(0x173A5E);
    private static final Color COG = new Color(0xF2F5F8);
    private static final Color RUNNING = new Color(0x3FB950);

    public static void main(String[] args) throws IOException {
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 256.0, size / 256.0);
        drawTile(g);
        drawCog(g);
        drawPlayMark(g);
        g.dispose();
        ImageIO.write(image, "png", new File(args[0]));
    }

    private static void drawTile(Graphics2D g) {
        g.setPaint(new GradientPaint(0, 8, TILE_TOP, 0, 248, TILE_BOTTOM));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 56, 56));
    }

    /** A ring with ten teeth: the union of the teeth, rotated about the centre, and the ring, minus the hub. */
    private static void drawCog(Graphics2D g) {
        double cx = 128, cy = 128, outer = 84, inner = 62, toothDepth = 20, toothWidth = 26;
        Area cog = new Area(new Ellipse2D.Double(cx - outer, cy - outer, 2 * outer, 2 * outer));
        int teeth = 10;
        for (int i = 0; i < teeth; i++) {
            Path2D tooth = new Path2D.Double();
            double a = 2 * Math.PI * i / teeth;
            double half = Math.atan2(toothWidth / 2, outer);
            double tipHalf = Math.atan2(toothWidth / 2.8, outer + toothDepth);
            tooth.moveTo(cx + (outer - 4) * Math.cos(a - half), cy + (outer - 4) * Math.sin(a - half));
            tooth.lineTo(cx + (outer + toothDepth) * Math.cos(a - tipHalf), cy + (outer + toothDepth) * Math.sin(a - tipHalf));
            tooth.lineTo(cx + (outer + toothDepth) * Math.cos(a + tipHalf), cy + (outer + toothDepth) * Math.sin(a + tipHalf));
            tooth.lineTo(cx + (outer - 4) * Math.cos(a + half), cy + (outer - 4) * Math.sin(a + half));
            tooth.closePath();
            cog.add(new Area(tooth));
        }
        cog.subtract(new Area(new Ellipse2D.Double(cx - inner, cy - inner, 2 * inner, 2 * inner)));
        g.setColor(COG);
        g.fill(cog);
    }

    private static void drawPlayMark(Graphics2D g) {
        Path2D play = new Path2D.Double();
        play.moveTo(108, 92);
        play.lineTo(160, 128);
        play.lineTo(108, 164);
        play.closePath();
        g.setColor(RUNNING);
        g.fill(play);
        g.setStroke(new BasicStroke(10, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(play);
    }
}
