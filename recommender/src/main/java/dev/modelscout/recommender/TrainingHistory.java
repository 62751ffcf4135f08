package dev.modelscout.recommender;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A history of fine-tuning jobs: the rows a recommender learns from, with the file they came from and its
 * checksum (for provenance). Read by {@link HistoryReader}, grown by {@link HistoryAppender}.
 */
public final class TrainingHistory {

    private final String source;
    private final String sha256;
    private final List<String> columns;
    private final List<Job> jobs;

    TrainingHistory(String source, String sha256, List<String> columns, List<Job> jobs) {
        this.source = source;
        this.sha256 = sha256;
        this.columns = List.copyOf(columns);
        this.jobs = List.copyOf(jobs);
    }

    /** A history built in memory (tests, synthetic data); its checksum is that of its CSV rendering. */
    public static TrainingHistory of(String source, List<String> columns, List<Job> jobs) {
        return new TrainingHistory(source, sha256(HistoryCsv.render(columns, jobs).getBytes(StandardCharsets.UTF_8)),
                columns, jobs);
    }

    static String sha256(byte[] bytes) {
        return dev.modelscout.core.Sha256.hex(bytes);
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
        return byDataset(jobs);
    }

    /** {@code rows} grouped by dataset, in first-seen order. */
    public static Map<String, List<Job>> byDataset(List<Job> rows) {
        Map<String, List<Job>> m = new LinkedHashMap<>();
        for (Job j : rows) {
            m.computeIfAbsent(j.dataset(), k -> new ArrayList<>()).add(j);
        }
        m.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return m;
    }
}
