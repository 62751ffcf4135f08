package dev.modelscout.recommender;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.csv.CSVRecord;

/**
 * A small CSV file beside a history (a truth file, its seeds, learning curves) read to its records: the header's
 * names stripped, and where each record starts (a byte-order mark dropped), so that its readers name columns and
 * lines the same way.
 *
 * @param expected the header the file should have, as messages name it
 */
record CsvSheet(String source, String text, List<CSVRecord> records, List<String> header, List<Integer> lineStarts,
                String expected) {

    static CsvSheet read(String source, String text, String expected) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<CSVRecord> records = HistoryReader.records(source, t, expected);
        List<String> header = new ArrayList<>();
        for (String h : records.get(0)) {
            header.add(h.strip());
        }
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return new CsvSheet(source, t, records, header, starts, expected);
    }

    /** The index of the required column {@code name}. */
    int column(String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new HistoryFormatException(source + ": missing required column '" + name + "' (header: "
                    + String.join(",", header) + "; expected " + expected + ")");
        }
        return i;
    }

    /** The 1-based line {@code rec} starts on. */
    long line(CSVRecord rec) {
        int at = (int) rec.getCharacterPosition();
        while (at < text.length() && (text.charAt(at) == '\n' || text.charAt(at) == '\r')) {
            at++; // the parser's position can be that of the empty lines it skipped before the record
        }
        int i = Collections.binarySearch(lineStarts, at);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** The stripped cell {@code i} of {@code rec}, empty when the record is shorter. */
    static String cell(CSVRecord rec, int i) {
        return i < rec.size() ? rec.get(i).strip() : "";
    }
}
