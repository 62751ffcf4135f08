package dev.modelscout.workflow.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelscout.core.AtomicFiles;
import dev.modelscout.core.IoErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The files of a plan's cells, in {@code PLAN/results/}:
 * <ul>
 * <li>{@code CELL.json}: the result ({@link CellResult}), written once, atomically ({@link AtomicFiles}: a
 * temporary sibling, fsync, one rename), so a reader sees the whole file or none. A file is taken as the cell's
 * result only when it parses, is of this format, names this plan's id and this cell, and holds what its
 * status requires; anything else (a file cut short, another plan's result) reads as {@link Unreadable} and the
 * cell runs again.</li>
 * <li>{@code CELL.running}: the marker of a cell being computed (host, pid, Slurm ids, start), written when
 * it starts and removed once its result is written; a marker without a live lock holder is a cell whose task
 * was killed.</li>
 * <li>{@code .CELL.lock}: the lock file its runner holds ({@link CellLock}).</li>
 * </ul>
 */
public final class ResultFiles {

    static final int FORMAT = 1;
    static final String RESULT_SUFFIX = ".json";
    static final String MARKER_SUFFIX = ".running";

    /** What reading a result file found. */
    public sealed interface Read permits Absent, Unreadable, Valid {
    }

    /** No result file: the cell has not finished. */
    public record Absent() implements Read {
    }

    /** A file that is not a result of this cell of this plan; the cell is not finished. */
    public record Unreadable(String reason) implements Read {
    }

    /** The cell's result. */
    public record Valid(CellResult result) implements Read {
    }

    private ResultFiles() {
    }

    public static Path file(JobPlan plan, Cell cell) {
        return plan.resultsDir().resolve(cell.id() + RESULT_SUFFIX);
    }

    public static Path marker(JobPlan plan, Cell cell) {
        return plan.resultsDir().resolve(cell.id() + MARKER_SUFFIX);
    }

    public static Path lockFile(JobPlan plan, Cell cell) {
        return plan.resultsDir().resolve("." + cell.id() + ".lock");
    }

    /** Writes {@code r} as its cell's result file, atomically. */
    public static void write(JobPlan plan, Cell cell, CellResult r) {
        Path f = file(plan, cell);
        try {
            AtomicFiles.write(f, PlanJson.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(r)) + "\n");
        } catch (IOException e) {
            throw new JobsException(f + ": cannot write the cell's result: " + IoErrors.reason(e), e);
        }
    }

    static ObjectNode toJson(CellResult r) {
        ObjectNode j = PlanJson.JSON.createObjectNode();
        j.put("format", FORMAT);
        j.put("plan_id", r.planId());
        j.put("cell", r.cell());
        j.put("id", r.id());
        j.put("dataset", r.dataset());
        j.put("model", r.model());
        j.put("task", r.task().id());
        j.put("status", r.status().id());
        if (r.error() != null) {
            j.put("error", r.error());
        }
        ObjectNode scores = j.putObject("scores");
        r.scores().forEach((k, v) -> putNumber(scores, k, v));
        putNumber(j, "accuracy", r.accuracy());
        ObjectNode row = j.putObject("row");
        r.row().forEach(row::put);
        ObjectNode timings = j.putObject("timings");
        r.timings().forEach((k, v) -> putNumber(timings, k, v));
        j.put("device", r.device());
        j.put("host", r.host());
        j.put("pid", r.pid());
        ObjectNode launch = j.putObject("launch");
        r.launch().forEach(launch::put);
        j.put("started", r.started());
        j.put("finished", r.finished());
        ObjectNode inputs = j.putObject("inputs");
        inputs.put("dataset_fingerprint", r.datasetFingerprint());
        inputs.put("model_fingerprint", r.modelFingerprint());
        j.set("details", r.details() == null ? PlanJson.JSON.createObjectNode() : r.details());
        return j;
    }

    private static void putNumber(ObjectNode j, String name, double v) {
        if (Double.isFinite(v)) {
            j.put(name, v);
        } else {
            j.putNull(name);
        }
    }

    /** The cell's result file as found: absent, unreadable (with why) or valid. */
    public static Read read(JobPlan plan, Cell cell) {
        Path f = file(plan, cell);
        String text;
        try {
            text = Files.readString(f, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Absent();
        } catch (IOException e) {
            return new Unreadable("cannot read " + f.getFileName() + ": " + IoErrors.reason(e));
        }
        try {
            return new Valid(parse(plan, cell, PlanJson.JSON.readTree(text), f.toString()));
        } catch (JsonProcessingException e) {
            return new Unreadable(f.getFileName() + " is not whole JSON (" + e.getOriginalMessage() + ")");
        } catch (JobsException | IllegalArgumentException e) {
            return new Unreadable(e.getMessage());
        }
    }

    private static CellResult parse(JobPlan plan, Cell cell, JsonNode j, String where) {
        if (j == null || !j.isObject()) {
            throw new JobsException(where + ": not a JSON object");
        }
        if (PlanJson.integer(j, "format", where) != FORMAT) {
            throw new JobsException(where + ": not a result of format " + FORMAT);
        }
        String planId = PlanJson.text(j, "plan_id", where);
        if (!planId.equals(plan.planId())) {
            throw new JobsException(where + ": a result of plan " + planId + ", not of this plan (" + plan.planId() + ")");
        }
        if (PlanJson.integer(j, "cell", where) != cell.index() || !cell.id().equals(PlanJson.text(j, "id", where))
                || !cell.dataset().equals(PlanJson.text(j, "dataset", where))
                || !cell.model().equals(PlanJson.text(j, "model", where))) {
            throw new JobsException(where + ": the result of another cell");
        }
        CellResult.Status status = CellResult.Status.parse(PlanJson.text(j, "status", where));
        Map<String, Double> scores = numbers(PlanJson.field(j, "scores", where));
        Map<String, String> row = new LinkedHashMap<>();
        PlanJson.field(j, "row", where).fields().forEachRemaining(e -> row.put(e.getKey(), e.getValue().asText()));
        double accuracy = j.path("accuracy").isNumber() ? j.get("accuracy").asDouble() : Double.NaN;
        if (status == CellResult.Status.DONE) {
            if (row.isEmpty()) {
                throw new JobsException(where + ": a finished cell without its row");
            }
            for (String s : cell.options().scores()) {
                if (!scores.containsKey(s)) {
                    throw new JobsException(where + ": a finished cell without its " + s + " score");
                }
            }
            if (cell.task() == TaskKind.FINETUNE && !(accuracy >= 0 && accuracy <= 1)) {
                throw new JobsException(where + ": a finished fine-tuning cell without its accuracy");
            }
        } else if (PlanJson.textOrNull(j, "error") == null) {
            throw new JobsException(where + ": a failed cell without its error");
        }
        Map<String, String> launch = new LinkedHashMap<>();
        j.path("launch").fields().forEachRemaining(e -> launch.put(e.getKey(), e.getValue().asText()));
        JsonNode inputs = j.path("inputs");
        return new CellResult(planId, cell.index(), cell.id(), cell.dataset(), cell.model(),
                TaskKind.parse(PlanJson.text(j, "task", where)), status, PlanJson.textOrNull(j, "error"), scores, accuracy,
                row, numbers(j.path("timings")), PlanJson.textOrNull(j, "device"), PlanJson.textOrNull(j, "host"),
                j.path("pid").asLong(), launch, PlanJson.textOrNull(j, "started"), PlanJson.textOrNull(j, "finished"),
                PlanJson.textOrNull(inputs, "dataset_fingerprint"), PlanJson.textOrNull(inputs, "model_fingerprint"),
                j.path("details"));
    }

    private static Map<String, Double> numbers(JsonNode j) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = j.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN);
        }
        return m;
    }

    /** Writes the marker of a cell that starts, atomically. */
    public static void writeMarker(JobPlan plan, Cell cell, Map<String, Object> info) {
        Path m = marker(plan, cell);
        try {
            AtomicFiles.write(m, PlanJson.JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(PlanJson.JSON.valueToTree(info)) + "\n");
        } catch (IOException e) {
            throw new JobsException(m + ": cannot write: " + IoErrors.reason(e), e);
        }
    }

    /** The marker of a cell that started and has not finished, if any (an unreadable one reads as empty fields). */
    public static Optional<JsonNode> readMarker(JobPlan plan, Cell cell) {
        Path m = marker(plan, cell);
        if (!Files.exists(m)) {
            return Optional.empty();
        }
        try {
            JsonNode j = PlanJson.JSON.readTree(Files.readString(m, StandardCharsets.UTF_8));
            return Optional.of(j == null ? PlanJson.JSON.createObjectNode() : j);
        } catch (IOException e) {
            return Optional.of(PlanJson.JSON.createObjectNode());
        }
    }

    public static void deleteMarker(JobPlan plan, Cell cell) {
        try {
            Files.deleteIfExists(marker(plan, cell));
        } catch (IOException e) {
            throw new JobsException(marker(plan, cell) + ": cannot remove: " + IoErrors.reason(e), e);
        }
    }
}
