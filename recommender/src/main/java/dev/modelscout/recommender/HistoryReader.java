package dev.modelscout.recommender;

import dev.modelscout.core.IoErrors;
import dev.modelscout.core.NotUtf8Exception;
import dev.modelscout.core.Utf8;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a training history (or a rows file to predict) from CSV in the {@link HistorySchema}. The first line
 * is the header; columns may come in any order, extra columns are kept, absent schema columns read as
 * unknown, an empty cell means unknown. Only {@code dataset}, {@code model} and (for training)
 * {@code accuracy} are required.
 *
 * <p>Policies: numbers in schema columns must parse as finite decimals (else {@code file:line:column});
 * {@code accuracy} must be a fraction in [0,1] (a value above 1 is refused with a hint, unless
 * {@link ReadOptions#accuracyInPercent()} says the file gives percentages, then every value is divided by
 * 100); duplicate (dataset, model) pairs follow {@link OnDuplicate}. Messages give the line on which the
 * record starts.
 */
public final class HistoryReader {

    private HistoryReader() {
    }

    /** Reads {@code file}; bytes that are not UTF-8 are refused ({@code file:line: not UTF-8}). */
    public static TrainingHistory read(Path file, ReadOptions options) {
        byte[] bytes = readBytes(file);
        return parse(file.toString(), text(bytes, file.toString()), TrainingHistory.sha256(bytes), options, false, null);
    }

    /** Parses CSV text; {@code source} names it in messages. */
    public static TrainingHistory parse(String source, String text, ReadOptions options) {
        return parse(source, text, TrainingHistory.sha256(text.getBytes(StandardCharsets.UTF_8)), options, false, null);
    }

    static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new HistoryFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new HistoryFormatException(file + ": cannot read: " + IoErrors.reason(e), e);
        } catch (OutOfMemoryError e) {
            throw new HistoryFormatException(file + ": " + dev.modelscout.core.OutOfMemory.message(e,
                    "reading this file (" + sizeOf(file) + ")"), e);
        }
    }

    private static String sizeOf(Path file) {
        try {
            return Files.size(file) / (1 << 20) + " MiB";
        } catch (IOException e) {
            return "size unknown";
        }
    }

    /** The bytes of a history file as text: strict UTF-8, else {@code source:line: not UTF-8}. */
    static String text(byte[] bytes, String source) {
        try {
            return Utf8.decode(bytes, source);
        } catch (NotUtf8Exception e) {
            throw new HistoryFormatException(e.getMessage(), e);
        }
    }

    /**
     * The parser. With {@code keepDuplicates} every row becomes a job (no duplicate policy applied); when
     * {@code spans} is given it receives, per job, the [start, end) character range of its record in the
     * text (after a leading byte-order mark, which is skipped), so that a record can be cut out exactly.
     */
    static TrainingHistory parse(String source, String text, String sha, ReadOptions options, boolean keepDuplicates,
            List<int[]> spans) {
        List<Job> jobs = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        Map<Integer, List<Double>> duplicateAccuracies = new HashMap<>();
        List<Long> starts = new ArrayList<>();
        Scan scan = scan(source, new StringReader(text), options, (job, start) -> {
            starts.add(start);
            Integer prev = firstIndex.get(key(job));
            if (prev == null || keepDuplicates) {
                firstIndex.putIfAbsent(key(job), jobs.size());
                jobs.add(job);
                return;
            }
            switch (options.onDuplicate()) {
                case ERROR -> throw duplicate(source, job, jobs.get(prev).line());
                case FIRST -> { }
                case REPLACE -> jobs.set(prev, job);
                case MEAN -> duplicateAccuracies.computeIfAbsent(prev,
                        k -> new ArrayList<>(List.of(jobs.get(k).accuracy()))).add(job.accuracy());
            }
        });
        if (spans != null) {
            for (int i = 0; i < starts.size(); i++) {
                long end = i + 1 < starts.size() ? starts.get(i + 1) : scan.chars();
                spans.add(new int[] {(int) (long) starts.get(i), (int) end});
            }
        }
        for (Map.Entry<Integer, List<Double>> e : duplicateAccuracies.entrySet()) {
            double mean = e.getValue().stream().filter(d -> !Double.isNaN(d)).mapToDouble(Double::doubleValue)
                    .average().orElse(Double.NaN);
            jobs.set(e.getKey(), jobs.get(e.getKey()).withAccuracy(mean));
        }
        return new TrainingHistory(source, sha, scan.header(), jobs);
    }

    static HistoryFormatException duplicate(String source, Job job, long firstLine) {
        return new HistoryFormatException(source + ":" + job.line() + ": duplicate job (dataset '"
                + job.dataset() + "', model '" + job.model() + "') first seen on line " + firstLine
                + " (choose --on-duplicate first|mean|replace)");
    }

    /** Receives the jobs of a history as they are read, with the character position where each record starts. */
    @FunctionalInterface
    interface JobSink {
        void accept(Job job, long start);
    }

    /**
     * What a streaming read saw: the header, the characters read (after a byte-order mark), whether a record
     * ended in CRLF, whether the text ended in a line break, and whether it began with a byte-order mark.
     */
    record Scan(List<String> header, long chars, boolean crlf, boolean endsWithNewline, boolean bom) {
    }

    /**
     * Reads the records of {@code in} one at a time (memory does not grow with the file), checking each as
     * {@link #parse} does, without a duplicate policy (that is the sink's). A leading byte-order mark is skipped.
     */
    static Scan scan(String source, Reader in, ReadOptions options, JobSink sink) {
        LineTrackingReader lines = new LineTrackingReader(in);
        try (CSVParser p = CSVParser.builder().setReader(lines)
                .setFormat(CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get()).get()) {
            java.util.Iterator<CSVRecord> it = p.iterator();
            if (!it.hasNext()) {
                throw new HistoryFormatException(source + ": empty file (expected a header line: "
                        + String.join(",", HistorySchema.COLUMNS) + ")");
            }
            List<String> header = header(source, it.next(), options);
            while (it.hasNext()) {
                CSVRecord rec = it.next();
                long start = rec.getCharacterPosition();
                sink.accept(job(source, lines.lineAt(start), header, rec, options), start);
            }
            return new Scan(header, lines.position(), lines.sawCrlf(), lines.endsWithNewline(), lines.hadBom());
        } catch (NotUtf8Exception e) {
            throw new HistoryFormatException(e.getMessage(), e);
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            NotUtf8Exception bad = causeNotUtf8(e);
            if (bad != null) {
                throw new HistoryFormatException(bad.getMessage(), bad);
            }
            throw new HistoryFormatException(CsvErrors.describe(source, e), e);
        }
    }

    private static NotUtf8Exception causeNotUtf8(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NotUtf8Exception n) {
                return n;
            }
        }
        return null;
    }

    static String key(Job j) {
        return j.dataset() + "\u0000" + j.model();
    }

    /**
     * The CSV records of {@code text} (empty lines skipped); a parse error or an empty file is one line naming
     * {@code source}, the latter saying which header was expected.
     */
    static List<CSVRecord> records(String source, String text, String expectedHeader) {
        List<CSVRecord> records;
        try (CSVParser p = CSVParser.builder().setReader(new StringReader(text))
                .setFormat(CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get()).get()) {
            records = p.getRecords();
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw new HistoryFormatException(CsvErrors.describe(source, e), e);
        }
        if (records.isEmpty()) {
            throw new HistoryFormatException(source + ": empty file (expected a header line: " + expectedHeader + ")");
        }
        return records;
    }

    private static List<String> header(String source, CSVRecord headerRecord, ReadOptions options) {
        List<String> header = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < headerRecord.size(); i++) {
            String name = headerRecord.get(i).strip();
            if (name.isEmpty()) {
                throw new HistoryFormatException(source + ":1:" + (i + 1) + ": empty column name in the header");
            }
            if (!seen.add(name)) {
                throw new HistoryFormatException(source + ":1:" + (i + 1) + ": column '" + name + "' appears twice in the header");
            }
            header.add(name);
        }
        List<String> required = options.requireAccuracy()
                ? List.of(HistorySchema.DATASET, HistorySchema.MODEL, HistorySchema.ACCURACY)
                : List.of(HistorySchema.DATASET, HistorySchema.MODEL);
        for (String r : required) {
            if (!header.contains(r)) {
                throw new HistoryFormatException(source + ": missing required column '" + r + "' (header: "
                        + String.join(",", header) + ")");
            }
        }
        return header;
    }

    /** One record as a job: cells, numeric schema columns parsed, accuracy checked against the options. */
    private static Job job(String source, long line, List<String> header, CSVRecord rec, ReadOptions options) {
        if (rec.size() != header.size()) {
            throw new HistoryFormatException(source + ":" + line + ": " + rec.size() + " cells, but the header has "
                    + header.size() + " columns");
        }
        Map<String, String> cells = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
            cells.put(header.get(c), rec.get(c).strip());
        }
        String dataset = cells.get(HistorySchema.DATASET);
        String model = cells.get(HistorySchema.MODEL);
        if (dataset.isEmpty()) {
            throw HistoryFormatException.at(source, line, header.indexOf(HistorySchema.DATASET) + 1, HistorySchema.DATASET,
                    "empty (required)");
        }
        if (model.isEmpty()) {
            throw HistoryFormatException.at(source, line, header.indexOf(HistorySchema.MODEL) + 1, HistorySchema.MODEL,
                    "empty (required)");
        }
        Job text = new Job(source, line, dataset, model, Double.NaN, cells);
        Map<String, Double> numbers = new LinkedHashMap<>();
        for (String c : header) {
            if (HistorySchema.NUMERIC.contains(c)) {
                double v = text.parseNumber(c);
                if (!Double.isNaN(v)) {
                    numbers.put(c, v);
                }
            }
        }
        double acc = accuracy(source, line, header.indexOf(HistorySchema.ACCURACY) + 1,
                numbers.getOrDefault(HistorySchema.ACCURACY, Double.NaN), options);
        numbers.remove(HistorySchema.ACCURACY);
        if (!Double.isNaN(acc)) {
            numbers.put(HistorySchema.ACCURACY, acc);
        }
        return new Job(source, line, dataset, model, acc, cells, numbers);
    }

    private static double accuracy(String source, long line, int column, double acc, ReadOptions options) {
        String name = HistorySchema.ACCURACY;
        if (Double.isNaN(acc)) {
            if (options.requireAccuracy()) {
                throw HistoryFormatException.at(source, line, column, name, "empty (a training job needs its accuracy)");
            }
            return acc;
        }
        if (options.accuracyInPercent()) {
            if (acc < 0 || acc > 100) {
                throw HistoryFormatException.at(source, line, column, name, acc + " is outside [0,100] (percent)");
            }
            return acc / 100.0;
        }
        if (acc > 1 && acc <= 100) {
            throw HistoryFormatException.at(source, line, column, name, acc
                    + " is outside [0,1]; if the file gives percentages, pass --accuracy-percent");
        }
        if (acc < 0 || acc > 1) {
            throw HistoryFormatException.at(source, line, column, name, acc + " is outside [0,1]");
        }
        return acc;
    }
}
