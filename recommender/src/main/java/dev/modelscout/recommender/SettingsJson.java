package dev.modelscout.recommender;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A recommender's settings ({@link Provenance#settings}: name -> text in memory) in JSON: each name in snake_case
 * ({@code ridge.balance_datasets}), each value as what it is (a number, a boolean, a list, null; text only when it is
 * text), and read back to exactly the names and texts it was written from; settings written by older versions
 * (camelCase names, every value a string) read the same.
 */
final class SettingsJson {

    private SettingsJson() {
    }

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.:+-]+");

    /** camelCase -> snake_case: an upper-case letter after a lower-case letter or digit becomes _ and lower case. */
    static String snake(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && (Character.isLowerCase(name.charAt(i - 1))
                    || Character.isDigit(name.charAt(i - 1)))) {
                sb.append('_').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** snake_case -> camelCase: {@code _x} after a lower-case letter or digit becomes {@code X}; the inverse of {@link #snake}. */
    static String camel(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_' && i > 0 && i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))
                    && (Character.isLowerCase(name.charAt(i - 1)) || Character.isDigit(name.charAt(i - 1)))) {
                sb.append(Character.toUpperCase(name.charAt(++i)));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The JSON value of a setting's text: the typed one when it reads back as the same text, else the text. */
    static Object typed(String s) {
        if (s == null || s.equals("null")) {
            return null;
        }
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        Object n = number(s);
        if (n != null) {
            return n;
        }
        if (s.startsWith("[") && s.endsWith("]")) {
            String inner = s.substring(1, s.length() - 1);
            List<Object> items = new ArrayList<>();
            if (!inner.isEmpty()) {
                for (String part : inner.split(", ", -1)) {
                    Object x = number(part);
                    if (x == null && !WORD.matcher(part).matches()) {
                        return s;
                    }
                    items.add(x != null ? x : part);
                }
            }
            boolean mixed = items.stream().anyMatch(x -> x instanceof String) && items.stream().anyMatch(x -> !(x instanceof String));
            return mixed ? s : items;
        }
        return s;
    }

    private static Object number(String s) {
        if (INTEGER.matcher(s).matches()) {
            return Long.parseLong(s);
        }
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) && Double.toString(d).equals(s) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The text of a setting read from JSON: what {@link #typed} was given. */
    static String text(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(x -> parts.add(x.asText()));
            return "[" + String.join(", ", parts) + "]";
        }
        return v.asText();
    }

    static final class Writer extends JsonSerializer<Map<String, String>> {
        @Override
        public void serialize(Map<String, String> settings, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            for (Map.Entry<String, String> e : settings.entrySet()) {
                gen.writeFieldName(snake(e.getKey()));
                provider.defaultSerializeValue(typed(e.getValue()), gen);
            }
            gen.writeEndObject();
        }
    }

    static final class Reader extends JsonDeserializer<Map<String, String>> {
        @Override
        public Map<String, String> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = p.readValueAsTree();
            Map<String, String> out = new LinkedHashMap<>();
            if (node == null || !node.isObject()) {
                return out;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(camel(e.getKey()), text(e.getValue()));
            }
            return out;
        }
    }
}
