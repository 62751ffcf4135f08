package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelscout.core.InvalidOptionException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Numbers for people, tables that fit the terminal, csv and json for machines. */
class TableTest {

    @Test
    void numbersForPeopleHaveFourSignificantDigitsAndNeverANegativeZero() {
        assertEquals("0.3236", Table.number(0.32361));
        assertEquals("0.1980", Table.number(0.198));
        assertEquals("12.61", Table.number(12.6122));
        assertEquals("193.4", Table.number(193.369));
        assertEquals("-3.977", Table.number(-3.9774));
        assertEquals("1235", Table.number(1234.6));
        assertEquals("1.000", Table.number(1.0), "an exact value keeps its 4 digits, as 0.9998 beside it does");
        assertEquals("0.5000", Table.number(0.5));
        assertEquals("12.00", Table.number(12));
        assertEquals("1.235e-05", Table.number(0.0000123456));
        assertEquals("2.500e+06", Table.number(2_500_000));
        assertEquals("0", Table.number(-0.0));
        assertEquals("0", Table.number(0.0));
        assertEquals("-1.000e-05", Table.number(-0.00001));
        assertEquals("-", Table.number(Double.NaN));
        assertEquals("-inf", Table.number(Double.NEGATIVE_INFINITY));
        for (double v : new double[] {-1e-9, -0.00004, -1e-300}) {
            assertFalse(Table.number(v).matches("-0(\\.0*)?"), v + " -> " + Table.number(v));
        }
    }

    @Test
    void parameterCountsReadAsThousandsAndMillions() {
        assertEquals("77.4K", Table.count(0.077392));
        assertEquals("11.7M", Table.count(11.689512));
        assertEquals("215K", Table.count(0.214968));
        assertEquals("33.7K", Table.count(0.033656));
        assertEquals("512", Table.count(0.000512));
        assertEquals("1M", Table.count(0.9999999));
        assertEquals("1.5B", Table.count(1500));
        assertEquals("-", Table.count(Double.NaN));
    }

    private static Table ranking() {
        Table t = Table.of(Table.integer("rank", Table.KEEP), Table.text("model", Table.KEEP),
                Table.number("predicted_accuracy", Table.KEEP).header("predicted"),
                Table.millions("params_m", 50).header("params"), Table.number("score_logme", 70).header("logme"),
                Table.number("score_parc", 20).header("parc"), Table.number("domain_distance", 10));
        t.row(1, "mobilenet-s-emoji", 0.32361, 0.033656, -0.18931, 12.6122, 0.0679);
        t.row(2, "resnet-m-emoji", 0.32349, 0.214968, -0.17712, Double.NaN, null);
        return t;
    }

    private static String print(Table t, Table.Format f, List<String> cols, int width) {
        StringWriter s = new StringWriter();
        t.print(new PrintWriter(s), f, cols, width);
        return s.toString();
    }

    @Test
    void aTableWiderThanTheTerminalDropsItsLowestPriorityColumnsFirst() {
        Table t = ranking();
        String full = print(t, Table.Format.TABLE, List.of(), 0);
        int fullWidth = full.lines().mapToInt(String::length).max().orElseThrow();
        assertTrue(full.contains("domain_distance") && full.contains("parc"), full);
        assertTrue(full.contains("33.7K") && full.contains("-0.1893") && full.contains("12.61"), full);

        StringWriter s = new StringWriter();
        Table.Shown shown = t.print(new PrintWriter(s), Table.Format.TABLE, List.of(), fullWidth - 1);
        assertEquals(List.of("domain_distance"), shown.dropped());
        Table.Shown narrow = t.print(new PrintWriter(new StringWriter()), Table.Format.TABLE, List.of(), 40);
        assertEquals(List.of("domain_distance", "score_parc", "params_m", "score_logme"), narrow.dropped());
        String text = print(t, Table.Format.TABLE, List.of(), 40);
        assertTrue(text.lines().allMatch(l -> l.length() <= 40), text);
        // Columns kept always stay, even past the width.
        Table.Shown tiny = t.print(new PrintWriter(new StringWriter()), Table.Format.TABLE, List.of(), 5);
        assertEquals(List.of("rank", "model", "predicted_accuracy"), tiny.columns());
    }

    @Test
    void chosenColumnsComeInTheirOrderAndAreNeverDropped() {
        Table t = ranking();
        String text = print(t, Table.Format.TABLE, List.of("logme", "model", "domain_distance"), 10);
        assertEquals("  logme  model              domain_distance", text.lines().findFirst().orElseThrow().stripTrailing());
        assertEquals(List.of("nope"), t.unknown(List.of("score_logme", "nope")));
        assertThrows(InvalidOptionException.class, () -> print(t, Table.Format.TABLE, List.of("nope"), 0));
    }

    @Test
    void csvAndJsonCarryEveryColumnAtFullPrecisionWithAbsentValuesEmpty() throws Exception {
        Table t = ranking();
        List<String> csv = print(t, Table.Format.CSV, List.of(), 20).lines().toList();
        assertEquals("rank,model,predicted_accuracy,params_m,score_logme,score_parc,domain_distance", csv.get(0));
        assertEquals("1,mobilenet-s-emoji,0.32361,0.033656,-0.18931,12.6122,0.0679", csv.get(1));
        assertEquals("2,resnet-m-emoji,0.32349,0.214968,-0.17712,,", csv.get(2));
        JsonNode j = new ObjectMapper().readTree(print(t, Table.Format.JSON, List.of("model", "score_parc"), 0));
        assertEquals(2, j.size());
        assertEquals(12.6122, j.get(0).get("score_parc").asDouble());
        assertTrue(j.get(0).get("score_parc").isNumber());
        assertTrue(j.get(1).get("score_parc").isNull());
        assertEquals(List.of("model", "score_parc"), List.copyOf(iterable(j.get(0).fieldNames())));
    }

    @Test
    void csvQuotesCellsWithCommasAndQuotes() {
        Table t = Table.of(Table.text("a", Table.KEEP), Table.text("b", Table.KEEP));
        t.row("x,y", "say \"hi\"");
        assertEquals("\"x,y\",\"say \"\"hi\"\"\"", print(t, Table.Format.CSV, List.of(), 0).lines().toList().get(1));
    }

    @Test
    void theWidthIsColumnsWhenSetElseTheTerminalsElseNoLimitWhenPiped() {
        assertEquals(132, TerminalWidth.decide(Map.of("COLUMNS", "132"), false, () -> 200));
        assertEquals(132, TerminalWidth.decide(Map.of("COLUMNS", "132"), true, () -> 200));
        assertEquals(200, TerminalWidth.decide(Map.of(), true, () -> 200));
        assertEquals(TerminalWidth.FALLBACK, TerminalWidth.decide(Map.of(), true, () -> 0));
        assertEquals(0, TerminalWidth.decide(Map.of(), false, () -> 200), "a pipe gets the whole table");
        assertEquals(0, TerminalWidth.decide(Map.of("COLUMNS", "wide"), false, () -> 200));
        assertEquals(200, TerminalWidth.decide(Map.of("COLUMNS", "0"), true, () -> 200));
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        assertEquals(Table.Format.CSV, Table.Format.parse("CSV"));
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> Table.Format.parse("yaml"));
        assertTrue(e.getMessage().contains("allowed: table, csv, json"), e.getMessage());
    }

    private static <T> java.util.List<T> iterable(java.util.Iterator<T> it) {
        java.util.List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
