package dev.modelscout.zoo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelscout.core.Backbone;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON catalog: an array of objects, or {@code {"backbones": [...]}}, with the CSV's field names;
 * mean and std as arrays (or the CSV's text). Written as {@code {"backbones": [...]}}, fields in
 * {@link CatalogField} order, unset ones left out.
 */
final class CatalogJson implements CatalogCodec {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public List<Backbone> read(Path file, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ZooException(file + (loc == null ? "" : ": line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                    + ": malformed JSON: " + CatalogRules.oneLine(e.getOriginalMessage()), e);
        }
        JsonNode list = root != null && root.isObject() ? root.get("backbones") : root;
        if (list == null || !list.isArray()) {
            throw new ZooException(file + ": expected a JSON array of backbones or {\"backbones\": [...]}");
        }
        Map<String, Backbone> out = new LinkedHashMap<>();
        Map<String, String> firstAt = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String where = file + ": entry " + (i + 1);
            CatalogCodec.putUnique(out, firstAt, entry(list.get(i), where), where, "in entry " + (i + 1));
        }
        return List.copyOf(out.values());
    }

    private static Backbone entry(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new ZooException(where + ": expected an object");
        }
        Map<CatalogField, String> cells = new EnumMap<>(CatalogField.class);
        Map<CatalogField, List<String>> lists = new EnumMap<>(CatalogField.class);
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            CatalogField field = CatalogField.named(e.getKey(), where);
            JsonNode v = e.getValue();
            if (v.isArray()) {
                List<String> items = new ArrayList<>();
                v.forEach(x -> items.add(x.asText()));
                lists.put(field, items);
                cells.put(field, String.join(" ", items));
            } else {
                cells.put(field, v.isNull() ? "" : v.asText());
            }
        }
        return CatalogCells.toBackbone(cells, lists, where);
    }

    @Override
    public String write(Path file, Collection<Backbone> entries) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("backbones");
        for (Backbone b : entries) {
            ObjectNode n = list.addObject();
            for (CatalogField f : CatalogField.values()) {
                put(n, f.key, f.value(b));
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new ZooException(file + ": cannot format JSON: " + e.getMessage(), e);
        }
    }

    private static void put(ObjectNode n, String key, Object value) {
        if (value instanceof String s) {
            n.put(key, s);
        } else if (value instanceof Integer i) {
            n.put(key, i);
        } else if (value instanceof Double d) {
            n.put(key, d);
        } else if (value instanceof double[] values) {
            ArrayNode a = n.putArray(key);
            for (double v : values) {
                a.add(v);
            }
        }
    }
}
