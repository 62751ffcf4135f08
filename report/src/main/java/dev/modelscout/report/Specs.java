package dev.modelscout.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Vega-Lite specs: written as JSON text blocks beside the code that fills them ({@link #parse}), with their data
 * rows ({@link #rows}) and titles set from Java; NaN and infinite numbers become null (missing, to Vega).
 */
final class Specs {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Width of a full-width chart, in CSS pixels: fits the page on a laptop and in print (A4, 12 mm margins). */
    static final int WIDTH = 640;

    private Specs() {
    }

    /** A spec from its JSON text. */
    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a chart spec of the report is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code {"values": rows}}: each row's values as strings, numbers (NaN -> null), booleans or null. */
    static ObjectNode rows(List<? extends Map<String, ?>> rows) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        ArrayNode values = data.putArray("values");
        for (Map<String, ?> r : rows) {
            ObjectNode o = values.addObject();
            r.forEach((k, v) -> put(o, k, v));
        }
        return data;
    }

    static void put(ObjectNode o, String k, Object v) {
        if (v == null) {
            o.putNull(k);
        } else if (v instanceof Double d) {
            if (Double.isFinite(d)) {
                o.put(k, d);
            } else {
                o.putNull(k);
            }
        } else if (v instanceof Integer i) {
            o.put(k, i);
        } else if (v instanceof Long l) {
            o.put(k, l);
        } else if (v instanceof Boolean b) {
            o.put(k, b);
        } else {
            o.put(k, v.toString());
        }
    }

    /** A title with a subtitle (either may be empty). */
    static ObjectNode title(String text, String subtitle) {
        ObjectNode t = JsonNodeFactory.instance.objectNode();
        t.put("text", text);
        if (subtitle != null && !subtitle.isEmpty()) {
            t.put("subtitle", subtitle);
        }
        t.put("anchor", "start");
        return t;
    }

    /** A JSON array of strings. */
    static ArrayNode strings(List<String> values) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        values.forEach(a::add);
        return a;
    }

    /** A JSON array of numbers. */
    static ArrayNode numbers(double... values) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    /** The shared look of every chart: system fonts, no border around views. */
    static ObjectNode config() {
        return parse("""
                {"font": "system-ui, -apple-system, Segoe UI, Roboto, DejaVu Sans, Arial, sans-serif",
                 "view": {"stroke": null},
                 "title": {"fontSize": 14, "subtitleFontSize": 11, "subtitleColor": "#59636e", "offset": 10},
                 "axis": {"labelFontSize": 11, "titleFontSize": 11, "gridColor": "#eaeef2"},
                 "legend": {"labelFontSize": 11, "titleFontSize": 11},
                 "header": {"labelFontSize": 12, "titleFontSize": 12}}
                """);
    }
}
