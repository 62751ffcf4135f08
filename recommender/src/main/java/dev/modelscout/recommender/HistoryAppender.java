package dev.modelscout.recommender;

import dev.modelscout.core.AtomicFiles;
import dev.modelscout.core.FileLocks;
import dev.modelscout.core.IoErrors;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
        String text = new String(HistoryReader.readBytes(newJobs), StandardCharsets.UTF_8);
        return append(history, newJobs.toString(), text, onDuplicate, accuracyInPercent, onWait);
    }

    /** Appends the jobs of CSV {@code jobsText} (named {@code jobsSource} in messages) to {@code history}. */
    public static AppendResult append(Path history, String jobsSource, String jobsText, OnDuplicate onDuplicate,
            boolean accuracyInPercent, Consumer<String> onWait) {
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

    private static AppendResult appendLocked(Path history, String jobsSource, List<String> jobColumns, List<Job> fresh,
            OnDuplicate onDuplicate) {
        ReadOptions historyOptions = new ReadOptions(onDuplicate, true, false);
        String existing = Files.exists(history)
                ? new String(HistoryReader.readBytes(history), StandardCharsets.UTF_8) : "";
        String bom = existing.startsWith("\uFEFF") ? "\uFEFF" : "";
        String body = existing.substring(bom.length());
        boolean created = body.isBlank();
        List<String> header;
        List<Job> old;
        List<int[]> spans = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        String newline = "\n";
        if (created) {
            Set<String> cols = new LinkedHashSet<>(HistorySchema.COLUMNS);
            cols.addAll(jobColumns);
            header = new ArrayList<>(cols);
            old = List.of();
            body = HistoryCsv.render(header, List.of());
        } else {
            // Problems of the history itself are reported with its own line numbers.
            HistoryReader.parse(history.toString(), body, "", historyOptions, false, null);
            TrainingHistory all = HistoryReader.parse(history.toString(), body, "", historyOptions, true, spans);
            header = all.columns();
            old = all.jobs();
            jobColumns.stream().filter(c -> !header.contains(c)).forEach(dropped::add);
            newline = body.contains("\r\n") ? "\r\n" : "\n";
        }
        Merge m = merge(history, jobsSource, old, fresh, onDuplicate);
        StringBuilder kept = new StringBuilder();
        int from = 0;
        for (int i : m.removedOld()) {
            kept.append(body, from, spans.get(i)[0]);
            from = spans.get(i)[1];
        }
        kept.append(body.substring(from));
        if (kept.length() > 0 && kept.charAt(kept.length() - 1) != '\n') {
            kept.append(newline);
        }
        String combined = bom + kept + HistoryCsv.renderRows(header, m.toWrite(), newline);
        byte[] bytes = combined.getBytes(StandardCharsets.UTF_8);
        TrainingHistory result = HistoryReader.parse(history.toString(), combined, TrainingHistory.sha256(bytes),
                historyOptions, false, null);
        try {
            AtomicFiles.write(history, bytes);
        } catch (IOException e) {
            throw new HistoryFormatException(history + ": cannot write: " + IoErrors.reason(e), e);
        }
        return new AppendResult(result, m.toWrite().size(), m.skipped(), m.replaced(), dropped, created);
    }

    /** What to write and what to remove, by the duplicate policy. */
    private record Merge(List<Job> toWrite, Set<Integer> removedOld, int skipped, int replaced) {
    }

    private static Merge merge(Path history, String jobsSource, List<Job> old, List<Job> fresh, OnDuplicate onDuplicate) {
        Map<String, List<Integer>> oldByKey = new HashMap<>();
        for (int i = 0; i < old.size(); i++) {
            oldByKey.computeIfAbsent(HistoryReader.key(old.get(i)), k -> new ArrayList<>()).add(i);
        }
        Set<Integer> removedOld = new TreeSet<>();
        List<Job> toWrite = new ArrayList<>();
        Map<String, Job> writtenByKey = new HashMap<>();
        int skipped = 0;
        int replaced = 0;
        for (Job j : fresh) {
            String k = HistoryReader.key(j);
            List<Integer> inOld = oldByKey.getOrDefault(k, List.of()).stream().filter(i -> !removedOld.contains(i)).toList();
            Job earlierNew = writtenByKey.get(k);
            if (inOld.isEmpty() && earlierNew == null) {
                toWrite.add(j);
                writtenByKey.put(k, j);
                continue;
            }
            switch (onDuplicate) {
                case ERROR -> throw new HistoryFormatException(jobsSource + ":" + j.line() + ": job (dataset '"
                        + j.dataset() + "', model '" + j.model() + "') is already in " + (earlierNew != null
                                ? jobsSource + ":" + earlierNew.line() : history + ":" + old.get(inOld.get(0)).line())
                        + " (choose --on-duplicate first|mean|replace)");
                case FIRST -> skipped++;
                case MEAN -> toWrite.add(j);
                case REPLACE -> {
                    replaced += inOld.size();
                    removedOld.addAll(inOld);
                    toWrite.removeIf(w -> HistoryReader.key(w).equals(k));
                    toWrite.add(j);
                    writtenByKey.put(k, j);
                }
            }
        }
        return new Merge(toWrite, removedOld, skipped, replaced);
    }
}
