package dev.modelscout.recommender;

import dev.modelscout.core.IoErrors;
import dev.modelscout.core.AtomicFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * A history of fine-tuning jobs read from a CSV file in the schema of {@code shared/data/histories/README.md}
 * ({@link #SCHEMA}). The first line is the header; columns may come in any order, extra columns are kept,
 * absent schema columns read as unknown, an empty cell means unknown. Only {@code dataset}, {@code model}
 * and (for training) {@code accuracy} are required.
 *
 * <p>Policies: numbers in schema columns must parse as finite decimals (else {@code file:line:column});
 * {@code accuracy} must be a fraction in [0,1] (a value above 1 is refused with a hint, unless
 * {@link ReadOptions#accuracyInPercent()} says the file gives percentages, then every value is divided by
 * 100); duplicate (dataset, model) pairs follow {@link OnDuplicate}. Messages give the line on which the
 * record starts.
 */
public final class TrainingHistory {

    public static final String DATASET = "dataset";
    public static final String MODEL = "model";
    public static final String ACCURACY = "accuracy";
    public static final String ARCH_FAMILY = "arch_family";

    /** The default header: the schema of the shared histories. */
    public static final List<String> SCHEMA = List.of("dataset", "dataset_size", "num_classes", "model",
            "arch_family", "pretrain_dataset", "input_size", "gmacs", "params_m", "score_lfc", "score_parc",
            "score_logme", "score_leep", "score_nleep", "score_nce", "score_hscore", "score_reg_hscore",
            "score_gbc", "score_otce", "score_pactran", "accuracy", "source");

    /** Schema columns that must hold numbers (checked when the file is read). */
    public static final Set<String> NUMERIC = Set.of("dataset_size", "num_classes", "input_size", "gmacs",
            "params_m", "score_lfc", "score_parc", "score_logme", "score_leep", "score_nleep", "score_nce",
            "score_hscore", "score_reg_hscore", "score_gbc", "score_otce", "score_pactran", "accuracy");

    /**
     * How to read a file.
     *
     * @param onDuplicate       what to do with a second job for the same (dataset, model)
     * @param requireAccuracy   true for a training history; false for rows to predict (accuracy optional)
     * @param accuracyInPercent the accuracy column holds percentages in [0,100]; divide by 100
     */
    public record ReadOptions(OnDuplicate onDuplicate, boolean requireAccuracy, boolean accuracyInPercent) {
        public static ReadOptions defaults() {
            return new ReadOptions(OnDuplicate.ERROR, true, false);
        }

        public static ReadOptions forPrediction() {
            return new ReadOptions(OnDuplicate.ERROR, false, false);
        }

        public ReadOptions withOnDuplicate(OnDuplicate d) {
            return new ReadOptions(d, requireAccuracy, accuracyInPercent);
        }

        public ReadOptions withAccuracyInPercent(boolean p) {
            return new ReadOptions(onDuplicate, requireAccuracy, p);
        }
    }

    private final String source;
    private final String sha256;
    private final List<String> columns;
    private final List<Job> jobs;

    private TrainingHistory(String source, String sha256, List<String> columns, List<Job> jobs) {
        this.source = source;
        this.sha256 = sha256;
        this.columns = List.copyOf(columns);
        this.jobs = List.copyOf(jobs);
    }

    /** A history built in memory (tests, synthetic data); its checksum is that of its CSV rendering. */
    public static TrainingHistory of(String source, List<String> columns, List<Job> jobs) {
        return new TrainingHistory(source, sha256(render(columns, jobs).getBytes(StandardCharsets.UTF_8)), columns, jobs);
    }

    /** Reads {@code file}. */
    public static TrainingHistory read(Path file, ReadOptions options) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new HistoryFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new HistoryFormatException(file + ": cannot read: " + IoErrors.reason(e), e);
        }
        return parse(file.toString(), new String(bytes, StandardCharsets.UTF_8), sha256(bytes), options);
    }

    /** Parses CSV text; {@code source} names it in messages. */
    public static TrainingHistory parse(String source, String text, ReadOptions options) {
        return parse(source, text, sha256(text.getBytes(StandardCharsets.UTF_8)), options);
    }

    private static TrainingHistory parse(String source, String text, String sha, ReadOptions options) {
        return parse(source, text, sha, options, false, null);
    }

    /**
     * The parser. With {@code keepDuplicates} every row becomes a job (no duplicate policy applied); when
     * {@code spans} is given it receives, per job, the [start, end) character range of its record in the
     * text (after a leading byte-order mark, which is skipped), so that a record can be cut out exactly.
     */
    static TrainingHistory parse(String source, String text, String sha, ReadOptions options, boolean keepDuplicates,
            List<int[]> spans) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<CSVRecord> records;
        try (CSVParser p = CSVParser.builder().setReader(new StringReader(text))
                .setFormat(CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get()).get()) {
            records = p.getRecords();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new HistoryFormatException(source + ": not a readable CSV file: " + e.getMessage(), e);
        }
        if (records.isEmpty()) {
            throw new HistoryFormatException(source + ": empty file (expected a header line: " + String.join(",", SCHEMA) + ")");
        }
        int[] lineStarts = lineStarts(text);
        CSVRecord headerRecord = records.get(0);
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
        List<String> required = options.requireAccuracy() ? List.of(DATASET, MODEL, ACCURACY) : List.of(DATASET, MODEL);
        for (String r : required) {
            if (!header.contains(r)) {
                throw new HistoryFormatException(source + ": missing required column '" + r + "' (header: "
                        + String.join(",", header) + ")");
            }
        }
        List<Job> jobs = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        Map<Integer, List<Double>> dupAccuracies = new HashMap<>();
        for (int r = 1; r < records.size(); r++) {
            CSVRecord rec = records.get(r);
            long line = lineOf(lineStarts, rec.getCharacterPosition());
            if (rec.size() != header.size()) {
                throw new HistoryFormatException(source + ":" + line + ": " + rec.size() + " cells, but the header has "
                        + header.size() + " columns");
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                cells.put(header.get(c), rec.get(c).strip());
            }
            String dataset = cells.get(DATASET);
            String model = cells.get(MODEL);
            if (dataset.isEmpty()) {
                throw HistoryFormatException.at(source, line, header.indexOf(DATASET) + 1, DATASET, "empty (required)");
            }
            if (model.isEmpty()) {
                throw HistoryFormatException.at(source, line, header.indexOf(MODEL) + 1, MODEL, "empty (required)");
            }
            Job job = new Job(source, line, dataset, model, Double.NaN, cells);
            for (String c : header) {
                if (NUMERIC.contains(c)) {
                    job.number(c);
                }
            }
            double acc = cells.containsKey(ACCURACY) ? job.number(ACCURACY) : Double.NaN;
            int accCol = header.indexOf(ACCURACY) + 1;
            if (Double.isNaN(acc)) {
                if (options.requireAccuracy()) {
                    throw HistoryFormatException.at(source, line, accCol, ACCURACY, "empty (a training job needs its accuracy)");
                }
            } else {
                if (options.accuracyInPercent()) {
                    if (acc < 0 || acc > 100) {
                        throw HistoryFormatException.at(source, line, accCol, ACCURACY, acc + " is outside [0,100] (percent)");
                    }
                    acc = acc / 100.0;
                } else if (acc > 1 && acc <= 100) {
                    throw HistoryFormatException.at(source, line, accCol, ACCURACY, acc
                            + " is outside [0,1]; if the file gives percentages, pass --accuracy-percent");
                } else if (acc < 0 || acc > 1) {
                    throw HistoryFormatException.at(source, line, accCol, ACCURACY, acc + " is outside [0,1]");
                }
            }
            job = new Job(source, line, dataset, model, acc, cells);
            if (spans != null) {
                int end = r + 1 < records.size() ? (int) records.get(r + 1).getCharacterPosition() : text.length();
                spans.add(new int[] {(int) rec.getCharacterPosition(), end});
            }
            String key = dataset + "\u0000" + model;
            Integer prev = firstIndex.get(key);
            if (prev == null || keepDuplicates) {
                firstIndex.putIfAbsent(key, jobs.size());
                jobs.add(job);
                continue;
            }
            switch (options.onDuplicate()) {
                case ERROR -> throw new HistoryFormatException(source + ":" + line + ": duplicate job (dataset '" + dataset
                        + "', model '" + model + "') first seen on line " + jobs.get(prev).line()
                        + " (choose --on-duplicate first|mean)");
                case FIRST -> { }
                case REPLACE -> jobs.set(prev, job);
                case MEAN -> dupAccuracies.computeIfAbsent(prev, k -> {
                    List<Double> l = new ArrayList<>();
                    l.add(jobs.get(k).accuracy());
                    return l;
                }).add(acc);
            }
        }
        for (Map.Entry<Integer, List<Double>> e : dupAccuracies.entrySet()) {
            List<Double> known = e.getValue().stream().filter(d -> !Double.isNaN(d)).toList();
            double mean = known.isEmpty() ? Double.NaN : known.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            jobs.set(e.getKey(), jobs.get(e.getKey()).withAccuracy(mean));
        }
        return new TrainingHistory(source, sha, header, jobs);
    }

    private static int[] lineStarts(String text) {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        int[] starts = new int[count];
        int k = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[k++] = i + 1;
            }
        }
        return starts;
    }

    /** 1-based line of the character at {@code position}. */
    private static long lineOf(int[] starts, long position) {
        int idx = java.util.Arrays.binarySearch(starts, (int) position);
        return idx >= 0 ? idx + 1 : -idx - 1;
    }

    /**
     * Appends {@code newJobs} to the history file {@code file} (created with the schema header when absent)
     * atomically: the existing bytes are kept as they are, the result is re-read with {@code options} before
     * it replaces the file (via a temporary file in the same folder and an atomic move), so a bad row or a
     * crash never loses or corrupts what was there. New jobs may not carry columns the file lacks.
     *
     * @return the history as now on disk
     */
    public static TrainingHistory append(Path file, List<Job> newJobs, ReadOptions options) {
        String existing;
        String newline = "\n";
        List<String> header;
        if (Files.exists(file)) {
            try {
                existing = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new HistoryFormatException(file + ": cannot read: " + IoErrors.reason(e), e);
            }
            header = parse(file.toString(), existing, new ReadOptions(OnDuplicate.FIRST, false, options.accuracyInPercent())).columns();
            newline = existing.contains("\r\n") ? "\r\n" : "\n";
            if (!existing.isEmpty() && !existing.endsWith("\n")) {
                existing += newline;
            }
        } else {
            Set<String> cols = new LinkedHashSet<>(SCHEMA);
            newJobs.forEach(j -> cols.addAll(j.cells().keySet()));
            header = new ArrayList<>(cols);
            existing = renderHeader(header);
        }
        for (Job j : newJobs) {
            for (String c : j.cells().keySet()) {
                if (!header.contains(c)) {
                    throw new HistoryFormatException(file + ": cannot append the job (" + j.dataset() + ", " + j.model()
                            + "): column '" + c + "' is not in the file's header");
                }
            }
        }
        String rows = render(header, newJobs);
        rows = rows.substring(rows.indexOf('\n') + 1);
        if (!newline.equals("\n")) {
            rows = rows.replace("\n", newline);
        }
        String combined = existing + rows;
        TrainingHistory result = parse(file.toString(), combined, options);
        writeAtomically(file, combined.getBytes(StandardCharsets.UTF_8));
        return result;
    }

    /**
     * Appends the jobs of the CSV file {@code newJobs} to the history file {@code history} (the
     * {@code modelscout history append} command). All checks run before anything is written, and the file
     * is replaced atomically, so on any error it is left byte-identical.
     *
     * <ul>
     * <li>{@code newJobs} is read with the history checks; its {@code accuracy} column is required and every
     * row must fill it (else {@code newJobs:line:column}). With {@code accuracyInPercent} its accuracies are
     * percentages, written to the history as fractions (divided by 100 exactly, in decimal).</li>
     * <li>Columns of {@code newJobs} that the history's header lacks (e.g. {@code rank} and
     * {@code predicted_accuracy} of a {@code recommend --out} file) are dropped and listed in the result. A
     * history that does not exist (or is empty) is created with the schema header followed by those extra
     * columns, so nothing is dropped.</li>
     * <li>The existing history holds fractions and must itself read cleanly under {@code onDuplicate}; its
     * bytes are kept as they are (except the rows {@link OnDuplicate#REPLACE} removes).</li>
     * <li>A new job whose (dataset, model) pair is already in the history, or earlier in {@code newJobs}:
     * {@link OnDuplicate#ERROR} fails naming both files and lines; {@link OnDuplicate#FIRST} keeps the
     * existing job and skips the new one; {@link OnDuplicate#MEAN} appends it anyway (the file then holds
     * repeated jobs, averaged when read with {@code --on-duplicate mean}); {@link OnDuplicate#REPLACE} removes
     * the earlier job(s) and appends the new one.</li>
     * </ul>
     */
    public static AppendResult appendFile(Path history, Path newJobs, OnDuplicate onDuplicate, boolean accuracyInPercent) {
        String jobsText = readText(newJobs);
        TrainingHistory parsed = parse(newJobs.toString(), jobsText, "",
                new ReadOptions(OnDuplicate.ERROR, false, accuracyInPercent), true, null);
        List<Job> incoming = parsed.jobs();
        List<String> jobColumns = parsed.columns();
        if (!jobColumns.contains(ACCURACY)) {
            throw new HistoryFormatException(newJobs + ":1: no 'accuracy' column: add one with each job's fine-tuned "
                    + "accuracy (a fraction in [0,1], or percentages with --accuracy-percent); header: "
                    + String.join(",", jobColumns));
        }
        if (incoming.isEmpty()) {
            throw new HistoryFormatException(newJobs + ": no jobs to append (only a header)");
        }
        int accCol = jobColumns.indexOf(ACCURACY) + 1;
        List<Job> fresh = new ArrayList<>();
        for (Job j : incoming) {
            if (Double.isNaN(j.accuracy())) {
                throw HistoryFormatException.at(newJobs.toString(), j.line(), accCol, ACCURACY,
                        "empty (fill in the job's fine-tuned accuracy)");
            }
            if (accuracyInPercent) {
                Map<String, String> cells = new LinkedHashMap<>(j.cells());
                cells.put(ACCURACY, new java.math.BigDecimal(j.cell(ACCURACY)).movePointLeft(2).stripTrailingZeros()
                        .toPlainString());
                j = new Job(j.source(), j.line(), j.dataset(), j.model(), j.accuracy(), cells);
            }
            fresh.add(j);
        }

        ReadOptions historyOptions = new ReadOptions(onDuplicate, true, false);
        String existing = Files.exists(history) ? readText(history) : "";
        boolean created = stripBom(existing).isBlank();
        String bom = existing.startsWith("\uFEFF") ? "\uFEFF" : "";
        String body = existing.substring(bom.length());
        List<String> header;
        List<Job> old;
        List<int[]> spans = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        String newline = "\n";
        if (created) {
            Set<String> cols = new LinkedHashSet<>(SCHEMA);
            cols.addAll(jobColumns);
            header = new ArrayList<>(cols);
            old = List.of();
            body = renderHeader(header);
        } else {
            // Problems of the history itself are reported with its own line numbers.
            parse(history.toString(), body, "", historyOptions, false, null);
            TrainingHistory all = parse(history.toString(), body, "", historyOptions, true, spans);
            header = all.columns();
            old = all.jobs();
            jobColumns.stream().filter(c -> !header.contains(c)).forEach(dropped::add);
            newline = body.contains("\r\n") ? "\r\n" : "\n";
        }

        Map<String, List<Integer>> oldByKey = new HashMap<>();
        for (int i = 0; i < old.size(); i++) {
            oldByKey.computeIfAbsent(key(old.get(i)), k -> new ArrayList<>()).add(i);
        }
        Set<Integer> removedOld = new TreeSet<>();
        List<Job> toWrite = new ArrayList<>();
        Map<String, Job> writtenByKey = new HashMap<>();
        int skipped = 0;
        int replaced = 0;
        for (Job j : fresh) {
            String k = key(j);
            List<Integer> inOld = oldByKey.getOrDefault(k, List.of()).stream().filter(i -> !removedOld.contains(i)).toList();
            Job earlierNew = writtenByKey.get(k);
            if (inOld.isEmpty() && earlierNew == null) {
                toWrite.add(j);
                writtenByKey.put(k, j);
                continue;
            }
            switch (onDuplicate) {
                case ERROR -> throw new HistoryFormatException(newJobs + ":" + j.line() + ": job (dataset '" + j.dataset()
                        + "', model '" + j.model() + "') is already in " + (earlierNew != null
                                ? newJobs + ":" + earlierNew.line() : history + ":" + old.get(inOld.get(0)).line())
                        + " (choose --on-duplicate first|mean|replace)");
                case FIRST -> skipped++;
                case MEAN -> toWrite.add(j);
                case REPLACE -> {
                    replaced += inOld.size();
                    removedOld.addAll(inOld);
                    toWrite.removeIf(w -> key(w).equals(k));
                    toWrite.add(j);
                    writtenByKey.put(k, j);
                }
            }
        }

        StringBuilder kept = new StringBuilder();
        int from = 0;
        for (int i : removedOld) {
            kept.append(body, from, spans.get(i)[0]);
            from = spans.get(i)[1];
        }
        kept.append(body.substring(from));
        if (kept.length() > 0 && kept.charAt(kept.length() - 1) != '\n') {
            kept.append(newline);
        }
        String rows = render(header, toWrite);
        rows = rows.substring(rows.indexOf('\n') + 1);
        if (!newline.equals("\n")) {
            rows = rows.replace("\n", newline);
        }
        String combined = bom + kept + rows;
        byte[] bytes = combined.getBytes(StandardCharsets.UTF_8);
        TrainingHistory result = parse(history.toString(), combined, sha256(bytes), historyOptions);
        writeAtomically(history, bytes);
        return new AppendResult(result, toWrite.size(), skipped, replaced, dropped, created);
    }

    private static String key(Job j) {
        return j.dataset() + "\u0000" + j.model();
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String readText(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new HistoryFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new HistoryFormatException(file + ": cannot read: " + IoErrors.reason(e), e);
        }
    }

    /** Writes {@code bytes} to {@code file} via a temporary sibling and an atomic move. */
    public static void writeAtomically(Path file, byte[] bytes) {
        try {
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw new HistoryFormatException(file + ": cannot write: " + IoErrors.reason(e), e);
        }
    }

    private static String renderHeader(List<String> columns) {
        return render(columns, List.of());
    }

    static String render(List<String> columns, List<Job> jobs) {
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter pr = new CSVPrinter(sb, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            pr.printRecord(columns);
            for (Job j : jobs) {
                List<String> row = new ArrayList<>(columns.size());
                for (String c : columns) {
                    if (c.equals(ACCURACY) && !j.cells().containsKey(ACCURACY)) {
                        row.add(Double.isNaN(j.accuracy()) ? "" : Double.toString(j.accuracy()));
                    } else if (c.equals(DATASET)) {
                        row.add(j.dataset());
                    } else if (c.equals(MODEL)) {
                        row.add(j.model());
                    } else {
                        row.add(j.cell(c));
                    }
                }
                pr.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The jobs that pass {@code keep}, with this history's source and checksum. */
    public TrainingHistory filter(Predicate<Job> keep) {
        return new TrainingHistory(source, sha256, columns, jobs.stream().filter(keep).toList());
    }

    /** The same history restricted to {@code subset} (jobs of this history). */
    public TrainingHistory withJobs(List<Job> subset) {
        return new TrainingHistory(source, sha256, columns, subset);
    }

    public String source() {
        return source;
    }

    /** SHA-256 of the file's bytes (hex). */
    public String sha256() {
        return sha256;
    }

    public List<String> columns() {
        return columns;
    }

    public List<Job> jobs() {
        return jobs;
    }

    public int size() {
        return jobs.size();
    }

    /** Distinct datasets, sorted. */
    public List<String> datasets() {
        return List.copyOf(new TreeSet<>(jobs.stream().map(Job::dataset).toList()));
    }

    /** Distinct models, sorted. */
    public List<String> models() {
        return List.copyOf(new TreeSet<>(jobs.stream().map(Job::model).toList()));
    }

    /** Jobs grouped by dataset, in first-seen order. */
    public Map<String, List<Job>> byDataset() {
        Map<String, List<Job>> m = new LinkedHashMap<>();
        for (Job j : jobs) {
            m.computeIfAbsent(j.dataset(), k -> new ArrayList<>()).add(j);
        }
        m.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return m;
    }
}
