package org.pcistress.tools.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.pcistress.tools.cli.Html;

/**
 * Plain inline SVG charts for the HTML report, written by hand so that a report opens anywhere,
 * offline: line charts (score against N, or latency against percentile) and horizontal bar
 * charts, each with its error bars.
 */
final class SvgChart {
    static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
        "#17becf", "#7f7f7f", "#bcbd22"};

    private static final int W = 780;
    private static final int H = 360;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    /** Legend rows under a line chart, each this high. */
    private static final int LEGEND_ROW = 18;
    /** A generous width per character of 12 px sans-serif, so that no label is cut. */
    private static final double CHAR_W = 7.0;
    private static final int TOP = 34;
    private static final int BOTTOM = 52;
    /** Error bars may stretch an axis to at most this many times the largest value. */
    private static final double CLIP = 2;

    /** One point; {@code err} is the half-width of its error bar (0 or NaN for none). */
    record Point(double x, double y, double err) {
    }

    /** A line; {@code colour} null takes the palette's by position; {@code dashed} for a second statistic (p99). */
    record Series(String name, List<Point> points, String colour, boolean dashed) {
        Series(String name, List<Point> points) {
            this(name, points, null, false);
        }
    }

    /**
     * A bar from zero to {@code value} with a whisker of {@code err} either side; {@code marker}, if
     * finite, is a second value drawn as a tick on the bar's row (a sample-mode result's p99).
     */
    record Bar(String label, double value, double err, String colour, double marker) {
        Bar(String label, double value, double err) {
            this(label, value, err, null, Double.NaN);
        }
    }

    private SvgChart() {
    }

    /**
     * A line chart. With {@code xLabels} the x values are indexes into it (a categorical axis);
     * otherwise x is numeric, on a log scale when {@code logX}.
     */
    static String lines(String title, String xTitle, String yTitle, List<Series> series, List<String> xLabels,
            boolean logX, boolean logY) {
        double x0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double yMin = Double.MAX_VALUE;
        double yMax = -Double.MAX_VALUE;
        for (Series s : series) {
            for (Point p : s.points) {
                x0 = Math.min(x0, p.x);
                x1 = Math.max(x1, p.x);
                yMin = Math.min(yMin, p.y);
                yMax = Math.max(yMax, p.y);
            }
        }
        if (x0 > x1) {
            return "";
        }
        // error bars widen the axis, but at most to CLIP times the largest point, and never below zero
        // for positive scores: one wild error must not flatten every line
        boolean positive = yMin >= 0;
        double cap = logY ? yMax * 10 : yMax * CLIP;
        double y0 = yMin;
        double y1 = yMax;
        for (Series s : series) {
            for (Point p : s.points) {
                y0 = Math.min(y0, low(p, positive, logY));
                y1 = Math.max(y1, Math.min(high(p), cap));
            }
        }
        Scale xs = xLabels != null ? Scale.linear(x0 - 0.5, x1 + 0.5, LEFT, W - RIGHT, false)
                : logX ? Scale.log(x0, x1, LEFT, W - RIGHT) : Scale.linear(x0, x1, LEFT, W - RIGHT, false);
        Scale ys = logY ? Scale.log(y0, y1, H - BOTTOM, TOP)
                : Scale.linear(positive ? 0 : y0, y1, H - BOTTOM, TOP, true);
        cap = Math.min(cap, ys.hi);
        int legendTop = H + 4;
        int height = legendTop + LEGEND_ROW * series.size() + 8;
        int width = Math.max(W, LEFT + 50 + (int) (CHAR_W * longest(series.stream().map(Series::name).toList())));
        StringBuilder b = open(title, width, height);
        axes(b, xs, ys, xValues(series), xLabels, xTitle, yTitle, H);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String c = s.colour != null ? s.colour : PALETTE[i % PALETTE.length];
            StringBuilder path = new StringBuilder();
            for (Point p : s.points) {
                path.append(path.length() == 0 ? "M" : " L").append(f(xs.at(p.x))).append(',').append(f(ys.at(p.y)));
            }
            b.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(c)
                    .append(s.dashed ? "\" stroke-dasharray=\"6 4" : "").append("\" stroke-width=\"2\"/>\n");
            for (Point p : s.points) {
                double px = xs.at(p.x);
                if (Double.isFinite(p.err) && p.err > 0) {
                    double lo = low(p, positive, logY);
                    double hi = Math.min(high(p), cap);
                    b.append(line(px, ys.at(lo), px, ys.at(hi), c, 1));
                    b.append(line(px - 4, ys.at(lo), px + 4, ys.at(lo), c, 1));
                    if (hi == high(p)) { // no cap on a bar cut at the chart's edge
                        b.append(line(px - 4, ys.at(hi), px + 4, ys.at(hi), c, 1));
                    }
                }
                b.append("<circle cx=\"").append(f(px)).append("\" cy=\"").append(f(ys.at(p.y)))
                        .append("\" r=\"3\" fill=\"").append(c).append("\"><title>").append(esc(s.name)).append(": ")
                        .append(Fmt.scoreWithError(p.y, p.err)).append("</title></circle>\n");
            }
            int ly = legendTop + LEGEND_ROW * i + 12;
            b.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(ly - 4).append("\" x2=\"").append(LEFT + 24)
                    .append("\" y2=\"").append(ly - 4).append("\" stroke=\"").append(c).append("\" stroke-width=\"2\"")
                    .append(s.dashed ? " stroke-dasharray=\"6 4\"" : "").append("/>\n");
            b.append(text(LEFT + 30, ly, "start", 12, s.name));
        }
        return b.append("</svg>\n").toString();
    }

    private static double low(Point p, boolean positive, boolean logY) {
        double e = Double.isFinite(p.err) ? p.err : 0;
        double lo = p.y - e;
        return logY && lo <= 0 ? p.y : positive ? Math.max(0, lo) : lo;
    }

    private static double high(Point p) {
        return p.y + (Double.isFinite(p.err) ? p.err : 0);
    }

    /** A horizontal bar chart from zero, one bar per result, with error whiskers. */
    static String bars(String title, String unit, List<Bar> bars) {
        int rowH = 22;
        int labelW = 12 + (int) Math.ceil(CHAR_W * longest(bars.stream().map(Bar::label).toList()));
        int width = labelW + 520;
        int h = TOP + BOTTOM + rowH * bars.size();
        double largest = 0;
        for (Bar bar : bars) {
            largest = Math.max(largest, Double.isFinite(bar.marker) ? Math.max(bar.value, bar.marker) : bar.value);
        }
        double max = largest;
        for (Bar bar : bars) {
            max = Math.max(max, Math.min(bar.value + (Double.isFinite(bar.err) ? bar.err : 0), largest * CLIP));
        }
        Scale xs = Scale.linear(0, max <= 0 ? 1 : max, labelW, width - 60, true);
        StringBuilder b = open(title, width, h);
        for (double t : xs.ticks) {
            b.append(line(xs.at(t), TOP, xs.at(t), h - BOTTOM, "#ddd", 1));
            b.append(text(xs.at(t), h - BOTTOM + 16, "middle", 11, xs.label(t)));
        }
        b.append(text((labelW + width - 60) / 2.0, h - 12, "middle", 12, unit));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double y = TOP + rowH * i;
            String c = bar.colour != null ? bar.colour : PALETTE[i % PALETTE.length];
            b.append("<rect x=\"").append(labelW).append("\" y=\"").append(f(y + 3)).append("\" width=\"")
                    .append(f(Math.max(0, xs.at(bar.value) - labelW))).append("\" height=\"").append(rowH - 6)
                    .append("\" fill=\"").append(c).append("\" fill-opacity=\"0.75\"><title>").append(esc(bar.label))
                    .append(": ").append(Fmt.scoreWithError(bar.value, bar.err)).append("</title></rect>\n");
            if (Double.isFinite(bar.err) && bar.err > 0) {
                double lo = xs.at(Math.max(0, bar.value - bar.err));
                boolean cut = bar.value + bar.err > xs.hi;
                double hi = xs.at(Math.min(bar.value + bar.err, xs.hi));
                double mid = y + rowH / 2.0;
                b.append(line(lo, mid, hi, mid, "#000", 1)).append(line(lo, mid - 4, lo, mid + 4, "#000", 1));
                if (!cut) {
                    b.append(line(hi, mid - 4, hi, mid + 4, "#000", 1));
                }
            }
            if (Double.isFinite(bar.marker) && bar.marker > 0) {
                double mx = xs.at(Math.min(bar.marker, xs.hi));
                b.append("<path d=\"M").append(f(mx)).append(',').append(f(y + 3)).append(" l5,").append(rowH / 2 - 3)
                        .append(" l-5,").append(rowH / 2 - 3).append(" l-5,-").append(rowH / 2 - 3).append(" z\" fill=\"#000\">")
                        .append("<title>").append(esc(bar.label)).append(": p99 ").append(Fmt.num(bar.marker))
                        .append("</title></path>\n");
            }
            b.append(text(labelW - 6, y + rowH / 2.0 + 4, "end", 12, bar.label));
        }
        return b.append("</svg>\n").toString();
    }

    private static StringBuilder open(String title, int w, int h) {
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\" font-family=\"sans-serif\" role=\"img\">\n");
        b.append("<title>").append(esc(title)).append("</title>\n");
        b.append(text(w / 2.0, 20, "middle", 14, title));
        return b;
    }

    private static int longest(List<String> labels) {
        return labels.stream().mapToInt(String::length).max().orElse(0);
    }

    private static void axes(StringBuilder b, Scale xs, Scale ys, List<Double> xValues, List<String> xLabels,
            String xTitle, String yTitle, int h) {
        for (double t : ys.ticks) {
            b.append(line(LEFT, ys.at(t), W - RIGHT, ys.at(t), "#ddd", 1));
            b.append(text(LEFT - 6, ys.at(t) + 4, "end", 11, ys.label(t)));
        }
        List<Double> xt = new ArrayList<>();
        if (xLabels != null) {
            for (int i = 0; i < xLabels.size(); i++) {
                xt.add((double) i);
            }
        } else {
            xt.addAll(xValues.size() <= 8 ? xValues : xs.ticks);
        }
        for (double t : xt) {
            String label = xLabels != null ? xLabels.get((int) t) : Fmt.num(t, 0);
            b.append(line(xs.at(t), h - BOTTOM, xs.at(t), h - BOTTOM + 5, "#000", 1));
            b.append(text(xs.at(t), h - BOTTOM + 18, "middle", 11, label));
        }
        b.append(line(LEFT, h - BOTTOM, W - RIGHT, h - BOTTOM, "#000", 1));
        b.append(line(LEFT, TOP, LEFT, h - BOTTOM, "#000", 1));
        b.append(text((LEFT + W - RIGHT) / 2.0, h - 12, "middle", 12, xTitle));
        b.append("<text x=\"16\" y=\"").append(f((TOP + h - BOTTOM) / 2.0)).append("\" font-size=\"12\" ")
                .append("text-anchor=\"middle\" transform=\"rotate(-90 16 ").append(f((TOP + h - BOTTOM) / 2.0))
                .append(")\">").append(esc(yTitle)).append("</text>\n");
    }

    private static List<Double> xValues(List<Series> series) {
        TreeSet<Double> v = new TreeSet<>();
        for (Series s : series) {
            for (Point p : s.points) {
                v.add(p.x);
            }
        }
        return new ArrayList<>(v);
    }

    static String line(double x1, double y1, double x2, double y2, String color, int width) {
        return "<line x1=\"" + f(x1) + "\" y1=\"" + f(y1) + "\" x2=\"" + f(x2) + "\" y2=\"" + f(y2) + "\" stroke=\""
                + color + "\" stroke-width=\"" + width + "\"/>\n";
    }

    static String text(double x, double y, String anchor, int size, String s) {
        return "<text x=\"" + f(x) + "\" y=\"" + f(y) + "\" font-size=\"" + size + "\" text-anchor=\"" + anchor + "\">"
                + esc(s) + "</text>\n";
    }

    static String esc(String s) {
        return Html.esc(s);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
