package dev.modelscout.recommender;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The CSV library's parse errors in the user's terms: {@code file:line: what is wrong}. */
final class CsvErrors {

    private static final Pattern LINE = Pattern.compile("(?:startline|line) (\\d+)");

    private CsvErrors() {
    }

    /** One line naming {@code source}, the line where the broken record starts when known, and the problem. */
    static String describe(String source, Exception e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        Matcher line = LINE.matcher(m);
        String where = line.find() ? source + ":" + line.group(1) : source;
        if (m.contains("EOF reached before encapsulated token finished")) {
            return where + ": a quoted field is never closed (a \" opens it and the file ends before the closing \")";
        }
        if (m.contains("invalid char between encapsulated token and delimiter")) {
            return where + ": text after a closing quote (a quoted field must be followed by a comma or the line end)";
        }
        if (m.contains("duplicate name") || m.contains("header contains a duplicate")) {
            return where + ": a column name appears twice in the header";
        }
        return where + ": not a readable CSV file";
    }
}
