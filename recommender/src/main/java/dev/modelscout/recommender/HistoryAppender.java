package dev.modelscout.recommender;

import dev.modelscout.core.AtomicFiles;
import dev.modelscout.core.FileLocks;
import dev.modelscout.core.IoErrors;
import dev.modelscout.core.Utf8;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Grows a history file with finished jobs (the {@code modelscout history append} command, fine-tuning runs,
 * cluster merges). All checks run before anything is written; the file is replaced atomically under its
 * writer lock ({@link FileLocks}) after being re-read under that lock, so concurrent appends all land and
 * on any error the file is left byte-identical.
 *
 * <ul>
 * <li>The new jobs are read with the history checks; their {@code accuracy} column is required and every
 * row must fill it (else {@code file:line:column}). With {@code accuracyInPercent} the accuracies are
 * percentages, written to the history as fractions (divided by 100 exactly, in decimal).</li>
 * <li>Columns of the new jobs that the history's header lacks (e.g. {@code rank} and
 * {@code predicted_accuracy} of a {@code recommend --out} file) are dropped and listed in the result. A
 * history that does not exist (or is empty) is created with the schema header followed by those extra
 * columns, so nothing is dropped.</li>
 * <li>The existing history holds fractions and must itself read cleanly under {@code onDuplicate}; its
 * bytes are kept as they are (except the rows {@link OnDuplicate#REPLACE} removes).</li>
 * <li>A new job whose (dataset, model) pair is already in the history, or earlier among the new jobs:
 * {@link OnDuplicate#ERROR} fails naming both files and lines; {@link OnDuplicate#FIRST} keeps the
 * existing job and skips the new one; {@link OnDuplicate#MEAN} appends it anyway (the file then holds
 * repeated jobs, averaged when read with {@code --on-duplicate mean}); {@link OnDuplicate#REPLACE} removes
 * the earlier job(s) and appends the new one.</li>
 * </ul>
 */
public final class HistoryAppender {

    private HistoryAppender() {
    }

    /** Appends the jobs of the CSV file {@code newJobs} to {@code history}; see the class comment. */
    public static AppendResult append(Path history, Path newJobs, OnDuplicate onDuplicate, boolean accuracyInPercent,
            Consumer<String> onWait) {
        checkTarget(history);
        String text = HistoryReader.text(HistoryReader.readBytes(newJobs), newJobs.toString());
        return append(history, newJobs.toString(), text, onDuplicate, accuracyInPercent, onWait);
    }

    /** Appends the jobs of CSV {@code jobsText} (named {@code jobsSource} in messages) to {@code history}. */
    public static AppendResult append(Path history, String jobsSource, String jobsText, OnDuplicate onDuplicate,
            boolean accuracyInPercent, Consumer<String> onWait) {
        checkTarget(history);
        TrainingHistory parsed = HistoryReader.parse(jobsSource, jobsText, "",
                new ReadOptions(OnDuplicate.ERROR, false, accuracyInPercent), true, null);
        List<Job> fresh = checkedJobs(jobsSource, parsed, accuracyInPercent);
        return FileLocks.withLock(history, FileLocks.timeout(), onWait,
                () -> appendLocked(history, jobsSource, parsed.columns(), fresh, onDuplicate));
    }

    /**
     * Appends in-memory jobs (e.g. one finished fine-tuning run) to {@code history}, as they are: typed rows, not
     * written as CSV and parsed back. Each needs its accuracy.
     */
    public static AppendResult append(Path history, String jobsSource, List<Job> jobs, OnDuplicate onDuplicate,
            Consumer<String> onWait) {
        if (jobs.isEmpty()) {
            throw new HistoryFormatException(jobsSource + ": no jobs to append");
        }
        Set<String> cols = new LinkedHashSet<>(HistorySchema.COLUMNS);
        for (Job j : jobs) {
            if (Double.isNaN(j.accuracy())) {
                throw new HistoryFormatException(jobsSource + ": job (dataset '" + j.dataset() + "', model '"
                        + j.model() + "') has no accuracy");
            }
            cols.addAll(j.cells().keySet());
            cols.addAll(j.numbers().keySet());
        }
        List<String> columns = List.copyOf(cols);
        List<Job> fresh = List.copyOf(jobs);
        return FileLocks.withLock(history, FileLocks.timeout(), onWait,
                () -> appendLocked(history, jobsSource, columns, fresh, onDuplicate));
    }

    /**
     * The checks of an append of the job (dataset, model) that can run before the job is computed (a fine-tuning
     * run): the history can be replaced, reads cleanly (one streaming pass), and under {@link OnDuplicate#ERROR}
     * does not hold the pair yet. A missing or empty history passes.
     */
    public static void checkBeforeWork(Path history, String dataset, String model, OnDuplicate onDuplicate) {
        checkTarget(history);
        if (isBlank(history)) {
            return;
        }
        String key = dataset + "\u0000" + model;
        try (Reader in = Utf8.reader(Files.newInputStream(history), history.toString())) {
            HistoryReader.scan(history.toString(), in, new ReadOptions(onDuplicate, true, false), (job, start) -> {
                if (onDuplicate == OnDuplicate.ERROR && HistoryReader.key(job).equals(key)) {
                    throw new HistoryFormatException(history + ":" + job.line() + ": job (dataset '" + dataset
                            + "', model '" + model + "') is already in the history; nothing was computed "
                            + "(choose --on-duplicate first|mean|replace)");
                }
            });
        } catch (IOException e) {
            throw new HistoryFormatException(history + ": cannot read: " + IoErrors.reason(e), e);
        }
    }

    /** Refuses a history that cannot be replaced (a device, FIFO, folder, read-only file, missing folder). */
    private static void checkTarget(Path history) {
        try {
            AtomicFiles.checkTarget(history);
        } catch (IOException e) {
            throw new HistoryFormatException(history + ": " + IoErrors.reason(e), e);
        }
    }

    private static List<Job> checkedJobs(String jobsSource, TrainingHistory parsed, boolean accuracyInPercent) {
        List<String> jobColumns = parsed.columns();
        if (!jobColumns.contains(HistorySchema.ACCURACY)) {
            throw new HistoryFormatException(jobsSource + ":1: no 'accuracy' column: add one with each job's fine-tuned "
                    + "accuracy (a fraction in [0,1], or percentages with --accuracy-percent); header: "
                    + String.join(",", jobColumns));
        }
        if (parsed.jobs().isEmpty()) {
            throw new HistoryFormatException(jobsSource + ": no jobs to append (only a header)");
        }
        int accCol = jobColumns.indexOf(HistorySchema.ACCURACY) + 1;
        List<Job> fresh = new ArrayList<>();
        for (Job j : parsed.jobs()) {
            if (Double.isNaN(j.accuracy())) {
                throw HistoryFormatException.at(jobsSource, j.line(), accCol, HistorySchema.ACCURACY,
                        "empty (fill in the job's fine-tuned accuracy)");
            }
            if (accuracyInPercent) {
                Map<String, String> cells = new LinkedHashMap<>(j.cells());
                cells.put(HistorySchema.ACCURACY, new BigDecimal(j.cell(HistorySchema.ACCURACY)).movePointLeft(2)
                        .stripTrailingZeros().toPlainString());
                j = new Job(j.source(), j.line(), j.dataset(), j.model(), j.accuracy(), cells, j.numbers());
            }
            fresh.add(j);
        }
        return fresh;
    }

    /**
     * The locked part, in memory O(new jobs) beyond one streaming pass over the history: that pass checks every
     * row (UTF-8, CSV, numbers, accuracy), notes the rows whose pair a new job has, and keeps 8 bytes per row (a
     * hash of its pair: duplicates under {@link OnDuplicate#ERROR}, and the count of jobs) plus the distinct
     * dataset and model names. The file is then rewritten by copying its bytes as they are, followed by the new
     * rows; only {@link OnDuplicate#REPLACE} cuts rows out (decoded and encoded again, which gives the same bytes
     * for UTF-8).
     */
    private static AppendResult appendLocked(Path history, String jobsSource, List<String> jobColumns, List<Job> fresh,
            OnDuplicate onDuplicate) {
        ReadOptions historyOptions = new ReadOptions(onDuplicate, true, false);
        Set<String> freshKeys = new HashSet<>();
        fresh.forEach(j -> freshKeys.add(HistoryReader.key(j)));
        boolean created = isBlank(history);
        List<String> header;
        List<String> dropped = new ArrayList<>();
        Map<String, List<OldRow>> matches = new HashMap<>();
        KeyHashes hashes = new KeyHashes();
        Set<String> datasets = new HashSet<>();
        Set<String> models = new HashSet<>();
        HistoryReader.Scan scan;
        if (created) {
            Set<String> cols = new LinkedHashSet<>(HistorySchema.COLUMNS);
            cols.addAll(jobColumns);
            header = new ArrayList<>(cols);
            scan = null;
        } else {
            List<OldRow> open = new ArrayList<>();
            int[] index = {0};
            try (Reader in = Utf8.reader(Files.newInputStream(history), history.toString())) {
                scan = HistoryReader.scan(history.toString(), in, historyOptions, (job, start) -> {
                    open.forEach(o -> o.end = start);
                    open.clear();
                    String k = HistoryReader.key(job);
                    hashes.add(k);
                    datasets.add(job.dataset());
                    models.add(job.model());
                    if (freshKeys.contains(k)) {
                        OldRow o = new OldRow(index[0], job.line(), start);
                        matches.computeIfAbsent(k, x -> new ArrayList<>()).add(o);
                        open.add(o);
                    }
                    index[0]++;
                });
            } catch (IOException e) {
                throw new HistoryFormatException(history + ": cannot read: " + IoErrors.reason(e), e);
            }
            for (OldRow o : open) {
                o.end = scan.chars();
            }
            if (onDuplicate == OnDuplicate.ERROR && hashes.hasRepeats()) {
                // Rare: find the repeated pair and its lines with a full read (which refuses it).
                HistoryReader.read(history, historyOptions);
            }
            header = scan.header();
            jobColumns.stream().filter(c -> !header.contains(c)).forEach(dropped::add);
        }
        Merge m = merge(history, jobsSource, matches, fresh, onDuplicate);
        String newline = scan != null && scan.crlf() ? "\r\n" : "\n";
        String rows = HistoryCsv.renderRows(header, m.toWrite(), newline);
        // A writer never produces a file its reader refuses: the new rows are read back under the history's header.
        HistoryReader.parse(history.toString(), HistoryCsv.render(header, List.of()) + rows, "", historyOptions, true, null);
        List<long[]> cuts = m.removed().stream().map(o -> new long[] {o.start, o.end}).sorted((a, b) -> Long.compare(a[0], b[0]))
                .toList();
        boolean addNewline = scan != null && !scan.endsWithNewline();
        try {
            AtomicFiles.write(history, out -> {
                if (scan == null) {
                    out.write(HistoryCsv.render(header, List.of()).getBytes(StandardCharsets.UTF_8));
                } else if (cuts.isEmpty()) {
                    Files.copy(history, out);
                } else {
                    copyWithout(history, cuts, scan.bom(), out);
                }
                if (addNewline) {
                    out.write(newline.getBytes(StandardCharsets.UTF_8));
                }
                out.write(rows.getBytes(StandardCharsets.UTF_8));
            });
        } catch (IOException e) {
            throw new HistoryFormatException(history + ": cannot write: " + IoErrors.reason(e), e);
        }
        for (Job j : m.toWrite()) {
            hashes.add(HistoryReader.key(j));
            datasets.add(j.dataset());
            models.add(j.model());
        }
        return new AppendResult(history, hashes.distinct(), datasets.size(), models.size(), m.toWrite().size(),
                m.skipped(), m.replaced(), dropped, created);
    }

    /** An empty (or all-blank) or missing history, which is created with the schema header. */
    private static boolean isBlank(Path history) {
        try {
            if (!Files.exists(history) || Files.size(history) == 0) {
                return true;
            }
            if (Files.size(history) > 4096) {
                return false;
            }
            String t = HistoryReader.text(Files.readAllBytes(history), history.toString());
            return t.replace("\uFEFF", "").isBlank();
        } catch (IOException e) {
            throw new HistoryFormatException(history + ": cannot read: " + IoErrors.reason(e), e);
        }
    }

    /** Copies the history's text without the character ranges {@code cuts} (sorted, after any byte-order mark). */
    private static void copyWithout(Path history, List<long[]> cuts, boolean bom, java.io.OutputStream out)
            throws IOException {
        try (Reader in = Utf8.reader(Files.newInputStream(history), history.toString())) {
            java.io.Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            if (bom) {
                w.write(in.read());
            }
            long pos = 0;
            int next = 0;
            char[] buf = new char[1 << 15];
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++, pos++) {
                    while (next < cuts.size() && pos >= cuts.get(next)[1]) {
                        next++;
                    }
                    if (next < cuts.size() && pos >= cuts.get(next)[0]) {
                        continue;
                    }
                    w.write(buf[i]);
                }
            }
            w.flush();
        }
    }

    /** A row of the history whose pair a new job has: its index, line and [start, end) characters. */
    private static final class OldRow {
        final int index;
        final long line;
        final long start;
        long end;

        OldRow(int index, long line, long start) {
            this.index = index;
            this.line = line;
            this.start = start;
        }
    }

    /**
     * 64-bit hashes of (dataset, model) pairs, 8 bytes per row: whether a pair repeats (confirmed by a full
     * read, so a hash collision costs time, never a wrong answer) and how many distinct pairs there are.
     */
    private static final class KeyHashes {
        private long[] h = new long[1024];
        private int n;
        private boolean sorted;

        void add(String key) {
            if (n == h.length) {
                h = java.util.Arrays.copyOf(h, h.length * 2);
            }
            h[n++] = hash(key);
            sorted = false;
        }

        private static long hash(String key) {
            long x = 0xcbf29ce484222325L;
            for (int i = 0; i < key.length(); i++) {
                x ^= key.charAt(i);
                x *= 0x100000001b3L;
            }
            x ^= x >>> 33;
            x *= 0xff51afd7ed558ccdL;
            x ^= x >>> 33;
            return x;
        }

        private void sort() {
            if (!sorted) {
                java.util.Arrays.sort(h, 0, n);
                sorted = true;
            }
        }

        boolean hasRepeats() {
            return distinct() < n;
        }

        int distinct() {
            sort();
            int d = 0;
            for (int i = 0; i < n; i++) {
                if (i == 0 || h[i] != h[i - 1]) {
                    d++;
                }
            }
            return d;
        }
    }

    /** What to write and what to remove, by the duplicate policy. */
    private record Merge(List<Job> toWrite, List<OldRow> removed, int skipped, int replaced) {
    }

    private static Merge merge(Path history, String jobsSource, Map<String, List<OldRow>> matches, List<Job> fresh,
            OnDuplicate onDuplicate) {
        List<OldRow> removed = new ArrayList<>();
        List<Job> toWrite = new ArrayList<>();
        Map<String, Job> writtenByKey = new HashMap<>();
        int skipped = 0;
        int replaced = 0;
        for (Job j : fresh) {
            String k = HistoryReader.key(j);
            List<OldRow> inOld = matches.getOrDefault(k, List.of()).stream().filter(o -> !removed.contains(o)).toList();
            Job earlierNew = writtenByKey.get(k);
            if (inOld.isEmpty() && earlierNew == null) {
                toWrite.add(j);
                writtenByKey.put(k, j);
                continue;
            }
            switch (onDuplicate) {
                case ERROR -> throw new HistoryFormatException(jobsSource + ":" + j.line() + ": job (dataset '"
                        + j.dataset() + "', model '" + j.model() + "') is already in " + (earlierNew != null
                                ? jobsSource + ":" + earlierNew.line() : history + ":" + inOld.get(0).line)
                        + " (choose --on-duplicate first|mean|replace)");
                case FIRST -> skipped++;
                case MEAN -> toWrite.add(j);
                case REPLACE -> {
                    replaced += inOld.size();
                    removed.addAll(inOld);
                    toWrite.removeIf(w -> HistoryReader.key(w).equals(k));
                    toWrite.add(j);
                    writtenByKey.put(k, j);
                }
            }
        }
        return new Merge(toWrite, removed, skipped, replaced);
    }
}
