package dev.modelscout.workflow.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cell's result file ({@code PLAN/results/CELL.json}): what it computed, or why it failed, with where,
 * when and from which inputs.
 *
 * @param planId             the plan this result belongs to
 * @param cell               the cell's index
 * @param id                 the cell's id
 * @param dataset            the dataset's id
 * @param model              the backbone's id
 * @param task               what was computed
 * @param status             done or failed
 * @param error              the one-line error of a failed cell, else null
 * @param scores             score name -> value (a non-finite value is written as null)
 * @param accuracy           the fine-tuned accuracy, or NaN
 * @param row                the history-schema row as text cells (empty for a failed cell)
 * @param timings            seconds per step and {@code total_s}
 * @param device             where it computed, or null when it failed before choosing one
 * @param host               the host it ran on
 * @param pid                the process id
 * @param launch             the task's identity from the environment (Slurm job / array ids, Kubernetes index)
 * @param started            start, ISO-8601 UTC
 * @param finished           end, ISO-8601 UTC
 * @param datasetFingerprint the dataset's fingerprint seen by the run (null when it failed before reading it)
 * @param modelFingerprint   the model's fingerprint seen by the run (null likewise)
 * @param details            what the runner added (features, fine-tuning history)
 */
public record CellResult(String planId, int cell, String id, String dataset, String model, TaskKind task,
                         Status status, String error, Map<String, Double> scores, double accuracy, Map<String, String> row,
                         Map<String, Double> timings, String device, String host, long pid, Map<String, String> launch,
                         String started, String finished, String datasetFingerprint, String modelFingerprint,
                         JsonNode details) {

    /** A finished cell's outcome. */
    public enum Status {
        DONE("done"), FAILED("failed");

        private final String id;

        Status(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        static Status parse(String s) {
            for (Status v : values()) {
                if (v.id.equals(s)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("status '" + s + "'");
        }
    }

    public CellResult {
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        row = Collections.unmodifiableMap(new LinkedHashMap<>(row));
        timings = Collections.unmodifiableMap(new LinkedHashMap<>(timings));
        launch = Collections.unmodifiableMap(new LinkedHashMap<>(launch));
    }

    public boolean done() {
        return status == Status.DONE;
    }
}
