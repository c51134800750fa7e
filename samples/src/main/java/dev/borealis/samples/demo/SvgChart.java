package dev.borealis.samples.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The timeline as a hand-written SVG line chart: per instance, committed writes/s (solid) and read-only
 * transactions/s (dashed) over time, with the writer crash and the first write after it marked.
 */
final class SvgChart {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 440;
    private static final int LEFT = 70;
    private static final int RIGHT = 230;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
        "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};

    /** Where the crash and the recovery happened, in seconds from the start; negative when they did not. */
    record Marks(double crashAt, String crashedInstance, double recoveredAt, long recoveryMillis) {
        static Marks none() {
            return new Marks(-1, "", -1, -1);
        }
    }

    private final String title;
    private final List<Tick> ticks;
    private final List<String> instances;
    private final Marks marks;
    private final int seconds;
    private final double yMax;

    SvgChart(String title, List<Tick> ticks, List<String> instances, Marks marks) {
        this.title = title;
        this.ticks = List.copyOf(ticks);
        this.instances = List.copyOf(instances);
        this.marks = marks;
        this.seconds = Math.max(1, ticks.size());
        this.yMax = niceCeiling(ticks.stream().mapToLong(t -> Math.max(max(t.writes().values()), max(t.reads().values())))
                .max().orElse(1));
    }

    private static long max(java.util.Collection<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value}. */
    static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(1, value))));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    String render() {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(text(LEFT, 28, escape(title), "font-size=\"16\" font-weight=\"bold\""));
        axes(svg);
        for (int i = 0; i < instances.size(); i++) {
            String id = instances.get(i);
            String color = COLORS[i % COLORS.length];
            series(svg, t -> t.writes().getOrDefault(id, 0L), color, "stroke-width=\"2.5\"");
            series(svg, t -> t.reads().getOrDefault(id, 0L), color, "stroke-width=\"1.5\" stroke-dasharray=\"6 4\"");
            legend(svg, i, TimelinePrinter.shortName(id), color);
        }
        markers(svg);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void axes(StringBuilder svg) {
        int bottom = HEIGHT - BOTTOM;
        int right = WIDTH - RIGHT;
        for (int k = 0; k <= 5; k++) {
            double v = yMax * k / 5;
            double y = y(v);
            svg.append(line(LEFT, y, right, y, "#e5e5e5", ""));
            svg.append(text(LEFT - 8, y + 4, String.format(Locale.ROOT, "%.0f", v), "text-anchor=\"end\""));
        }
        svg.append(line(LEFT, TOP, LEFT, bottom, "#333", ""));  // axes over the grid
        svg.append(line(LEFT, bottom, right, bottom, "#333", ""));
        int step = Math.max(1, seconds / 10);
        for (int s = 0; s <= seconds; s += step) {
            svg.append(text(x(s), bottom + 18, Integer.toString(s), "text-anchor=\"middle\""));
        }
        svg.append(text((LEFT + right) / 2.0, HEIGHT - 18, "seconds", "text-anchor=\"middle\""));
        svg.append(text(18, (TOP + bottom) / 2.0, "transactions per second",
                String.format(Locale.ROOT, "text-anchor=\"middle\" transform=\"rotate(-90 18 %.1f)\"", (TOP + bottom) / 2.0)));
    }

    private void series(StringBuilder svg, Function<Tick, Long> value, String color, String style) {
        List<String> points = new ArrayList<>();
        for (Tick t : ticks) {
            points.add(String.format(Locale.ROOT, "%.1f,%.1f", x(t.second() - 0.5), y(value.apply(t))));
        }
        svg.append(String.format("<polyline fill=\"none\" stroke=\"%s\" %s points=\"%s\"/>%n", color, style,
                String.join(" ", points)));
    }

    private void legend(StringBuilder svg, int i, String id, String color) {
        double x = WIDTH - RIGHT + 20;
        double y = TOP + 10 + i * 38;
        svg.append(line(x, y, x + 28, y, color, "stroke-width=\"2.5\""));
        svg.append(text(x + 36, y + 4, escape(id) + " writes/s", ""));
        svg.append(line(x, y + 16, x + 28, y + 16, color, "stroke-width=\"1.5\" stroke-dasharray=\"6 4\""));
        svg.append(text(x + 36, y + 20, escape(id) + " reads/s", ""));
    }

    private void markers(StringBuilder svg) {
        if (marks.crashAt() >= 0) {
            double x = x(marks.crashAt());
            svg.append(line(x, TOP, x, HEIGHT - BOTTOM, "#d00", "stroke-width=\"2\" stroke-dasharray=\"3 3\""));
            svg.append(text(x + 4, TOP + 12, "writer " + escape(TimelinePrinter.shortName(marks.crashedInstance()))
                    + " crashed", "fill=\"#d00\""));
        }
        if (marks.recoveredAt() >= 0) {
            double x = x(marks.recoveredAt());
            svg.append(line(x, TOP + 20, x, HEIGHT - BOTTOM, "#080", "stroke-width=\"2\" stroke-dasharray=\"3 3\""));
            svg.append(text(x + 4, TOP + 32, "first write after the crash (+" + marks.recoveryMillis() + " ms)",
                    "fill=\"#080\""));
        }
    }

    private double x(double second) {
        return LEFT + (WIDTH - LEFT - RIGHT) * second / seconds;
    }

    private double y(double value) {
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * value / yMax;
    }

    private static String line(double x1, double y1, double x2, double y2, String color, String style) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" %s/>%n",
                x1, y1, x2, y2, color, style);
    }

    private static String text(double x, double y, String content, String attributes) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" %s>%s</text>%n", x, y, attributes, content);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
