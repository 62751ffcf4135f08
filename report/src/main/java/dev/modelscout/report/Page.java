package dev.modelscout.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One self-contained report page being written: a body of sections, tables and charts, then {@link #html()}
 * wraps it with everything inlined: the style sheet, the Vega runtime, each chart's Vega-Lite spec as a JSON
 * block, and the page's own script, which draws every chart and marks it drawn ({@code data-rendered}).
 *
 * <p>The page forbids itself every request: a Content-Security-Policy of {@code default-src 'none'} with inline
 * scripts and styles allowed, so a fetch, an image or a font from anywhere (the file's own folder included) is
 * blocked, and the page's first script counts what was blocked in {@code data-blocked-requests} on the root
 * element. Charts run Vega's expression interpreter ({@code ast: true}), so no {@code eval} is needed either.
 */
final class Page {

    static final String CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            + "img-src data:; base-uri 'none'; form-action 'none'";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String title;
    private final StringBuilder body = new StringBuilder();
    private int charts;

    Page(String title) {
        this.title = title;
    }

    /** Appends raw HTML (the caller escapes what it puts in). */
    Page raw(String html) {
        body.append(html);
        return this;
    }

    /** A section with an id (for links) and a heading; close it with {@link #endSection()}. */
    Page section(String id, String heading) {
        body.append("<section id=\"").append(Html.esc(id)).append("\">\n<h2>").append(Html.esc(heading)).append("</h2>\n");
        return this;
    }

    Page endSection() {
        body.append("</section>\n");
        return this;
    }

    /** A paragraph of text (escaped). */
    Page paragraph(String text) {
        body.append("<p>").append(Html.esc(text)).append("</p>\n");
        return this;
    }

    /** A paragraph of text (escaped) in the smaller "note" style. */
    Page note(String text) {
        body.append("<p class=\"note\">").append(Html.esc(text)).append("</p>\n");
        return this;
    }

    /**
     * A list of {@code name: value} pairs (escaped); a triple {@code name, summary, value} is folded: the summary
     * shows, the value opens on a click (and in print).
     */
    Page facts(List<String[]> pairs) {
        body.append("<dl class=\"facts\">\n");
        for (String[] p : pairs) {
            body.append("<dt>").append(Html.esc(p[0])).append("</dt><dd>");
            if (p.length == 3) {
                body.append("<details class=\"fold\"><summary>").append(Html.esc(p[1])).append("</summary>")
                        .append(Html.esc(p[2])).append("</details>");
            } else {
                body.append(Html.esc(p[1]));
            }
            body.append("</dd>\n");
        }
        body.append("</dl>\n");
        return this;
    }

    /**
     * A chart: a figure with {@code caption} under it, drawn by the page's script from {@code spec} (Vega-Lite).
     *
     * @param id       the chart's element id, unique in the page; its spec is the JSON block {@code ID-spec}
     * @param renderer "svg" (sharp in print) or "canvas" (for thousands of marks)
     */
    Page chart(String id, ObjectNode spec, String caption, String renderer) {
        charts++;
        body.append("<figure class=\"chart-figure\">\n<div class=\"chart\" id=\"").append(Html.esc(id))
                .append("\" data-chart=\"").append(Html.esc(id)).append("\" data-renderer=\"").append(Html.esc(renderer))
                .append("\" data-rendered=\"pending\"></div>\n");
        if (caption != null && !caption.isEmpty()) {
            body.append("<figcaption>").append(Html.esc(caption)).append("</figcaption>\n");
        }
        body.append("</figure>\n<script type=\"application/json\" id=\"").append(Html.esc(id)).append("-spec\">")
                .append(scriptSafeJson(spec)).append("</script>\n");
        return this;
    }

    /** Charts added so far. */
    int charts() {
        return charts;
    }

    /** The whole page. */
    String html(String subtitle, String footer) {
        StringBuilder h = new StringBuilder(1 << 20);
        h.append("<!DOCTYPE html>\n<html lang=\"en\" data-charts=\"").append(charts).append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"modelscout\">\n")
                .append("<title>").append(Html.esc(title)).append("</title>\n")
                .append("<script>\n").append(resource("guard.js")).append("</script>\n")
                .append("<style>\n").append(resource("report.css")).append("</style>\n");
        for (VegaRuntime.Library l : VegaRuntime.libraries()) {
            h.append("<script data-library=\"").append(Html.esc(l.name() + " " + l.version())).append("\">\n")
                    .append(l.script()).append("\n</script>\n");
        }
        h.append("</head>\n<body>\n<header>\n<h1>").append(Html.esc(title)).append("</h1>\n");
        if (subtitle != null && !subtitle.isEmpty()) {
            h.append("<p class=\"subtitle\">").append(Html.esc(subtitle)).append("</p>\n");
        }
        h.append("</header>\n<main>\n").append(body).append("</main>\n<footer>\n<p>").append(Html.esc(footer))
                .append("</p>\n</footer>\n<script>\n").append(resource("report.js")).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    /**
     * {@code spec} as JSON that can sit inside a script element: every {@code <}, {@code >} and {@code &} (which
     * JSON allows only inside strings) written as a unicode escape, so no text of the data can close the element.
     */
    static String scriptSafeJson(ObjectNode spec) {
        String json;
        try {
            json = JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a chart spec as JSON", e);
        }
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    private static String resource(String name) {
        try (InputStream in = Page.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new ReportException("the report resource " + name + " is missing from this build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
