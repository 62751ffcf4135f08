package dev.modelscout.workflow.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelscout.core.AtomicFiles;
import dev.modelscout.core.IoErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan on disk, in its folder:
 * <ul>
 * <li>{@code cells.jsonl}: one JSON object per line and per cell: index, id, shard, dataset, model, task and
 * the exact options;</li>
 * <li>{@code plan.json}: the zoo and datasets (paths, fingerprints), the planned models, the feature cache,
 * the shard count, the common options and the Slurm settings; written last, so a folder with a
 * {@code plan.json} holds a whole plan;</li>
 * <li>{@code submit.sbatch}: the Slurm array job ({@link SbatchScript});</li>
 * <li>{@code results/}: one file per finished cell ({@link ResultFiles}); {@code logs/}: the tasks' output.</li>
 * </ul>
 * Every file is written atomically.
 */
public final class PlanFiles {

    public static final String PLAN = "plan.json";
    public static final String CELLS = "cells.jsonl";
    public static final String SBATCH = "submit.sbatch";
    public static final String RESULTS = "results";
    public static final String LOGS = "logs";
    static final int FORMAT = 1;

    private PlanFiles() {
    }

    /** The text of {@code cells.jsonl} for these cells cut into {@code shards}. */
    public static String cellLines(List<Cell> cells, int shards) {
        StringBuilder sb = new StringBuilder();
        for (Cell c : cells) {
            sb.append(PlanJson.cell(c, Sharding.shardOf(c.index(), cells.size(), shards)).toString()).append('\n');
        }
        return sb.toString();
    }

    /** The plan id of a {@code cells.jsonl} text: its SHA-256, 16 hex digits. */
    public static String planId(String cellLines) {
        return dev.modelscout.core.Sha256.hex(cellLines).substring(0, 16);
    }

    /** Writes the plan into {@code plan.dir()}: cells, the sbatch script, then plan.json; makes results/ and logs/. */
    public static void write(JobPlan plan) {
        Path dir = plan.dir();
        try {
            Files.createDirectories(dir.resolve(RESULTS));
            Files.createDirectories(dir.resolve(LOGS));
            AtomicFiles.write(dir.resolve(CELLS), cellLines(plan.cells(), plan.shards()));
            AtomicFiles.write(dir.resolve(SBATCH), SbatchScript.render(plan));
            dir.resolve(SBATCH).toFile().setExecutable(true);
            AtomicFiles.write(dir.resolve(PLAN), PlanJson.JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(header(plan)) + "\n");
        } catch (IOException e) {
            throw new JobsException(dir + ": cannot write the plan: " + IoErrors.reason(e), e);
        }
    }

    private static ObjectNode header(JobPlan p) {
        ObjectNode j = PlanJson.JSON.createObjectNode();
        j.put("format", FORMAT);
        j.put("plan_id", p.planId());
        j.put("task", p.task().id());
        j.put("created", p.created());
        j.put("created_on", p.createdOn());
        j.put("modelscout", p.version());
        j.put("zoo", p.zoo());
        j.put("zoo_fingerprint", p.zooFingerprint());
        ArrayNode models = j.putArray("models");
        for (PlanModel m : p.models()) {
            models.addObject().put("id", m.id()).put("fingerprint", m.fingerprint());
        }
        ArrayNode datasets = j.putArray("datasets");
        for (PlanDataset d : p.datasets()) {
            datasets.addObject().put("id", d.id()).put("path", d.path()).put("fingerprint", d.fingerprint())
                    .put("images", d.images()).put("classes", d.classes());
        }
        j.put("cache", p.cache());
        j.put("cells", p.cells().size());
        j.put("shards", p.shards());
        j.set("options", PlanJson.options(p.options()));
        SlurmSettings s = p.slurm();
        ObjectNode sl = j.putObject("slurm");
        sl.put("time", s.time());
        sl.put("mem", s.mem());
        sl.put("cpus_per_task", s.cpusPerTask());
        sl.put("gpus", s.gpus());
        sl.put("partition", s.partition());
        sl.put("account", s.account());
        sl.put("max_running", s.maxRunning());
        ArrayNode extra = sl.putArray("extra");
        s.extra().forEach(extra::add);
        sl.put("launcher", s.launcher());
        sl.put("java_opts", s.javaOpts());
        sl.put("device", s.device());
        return j;
    }

    /** True when {@code dir} holds a plan (its plan.json). */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(PLAN));
    }

    /** Reads the plan in {@code dir}. */
    public static JobPlan read(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path planFile = abs.resolve(PLAN);
        String where = planFile.toString();
        JsonNode j;
        String cellText;
        try {
            j = tree(Files.readString(planFile, StandardCharsets.UTF_8), where);
            cellText = Files.readString(abs.resolve(CELLS), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new JobsException(dir + ": not a plan folder (no " + Path.of(e.getFile()).getFileName()
                    + "; make one with `modelscout jobs plan ... --out " + dir + "`)", e);
        } catch (IOException e) {
            throw new JobsException(dir + ": cannot read the plan: " + IoErrors.reason(e), e);
        }
        if (!j.isObject() || PlanJson.integer(j, "format", where) != FORMAT) {
            throw new JobsException(where + ": not a plan of format " + FORMAT);
        }
        String planId = PlanJson.text(j, "plan_id", where);
        if (!planId.equals(planId(cellText))) {
            throw new JobsException(abs.resolve(CELLS) + ": changed since planning (its SHA-256 is not the plan id "
                    + planId + "); make a new plan instead of editing this one");
        }
        List<Cell> cells = new ArrayList<>();
        String[] lines = cellText.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String w = abs.resolve(CELLS) + ":" + (i + 1);
            try {
                Cell c = PlanJson.cell(tree(lines[i], w), w);
                if (c.index() != cells.size()) {
                    throw new JobsException(w + ": cell " + c.index() + " where cell " + cells.size() + " was expected");
                }
                cells.add(c);
            } catch (JobsException e) {
                throw e;
            }
        }
        List<PlanModel> models = new ArrayList<>();
        for (JsonNode m : PlanJson.array(j, "models", where)) {
            models.add(new PlanModel(PlanJson.text(m, "id", where), PlanJson.text(m, "fingerprint", where)));
        }
        List<PlanDataset> datasets = new ArrayList<>();
        for (JsonNode d : PlanJson.array(j, "datasets", where)) {
            datasets.add(new PlanDataset(PlanJson.text(d, "id", where), PlanJson.text(d, "path", where),
                    PlanJson.text(d, "fingerprint", where), PlanJson.integer(d, "images", where),
                    PlanJson.integer(d, "classes", where)));
        }
        JsonNode sl = PlanJson.field(j, "slurm", where);
        List<String> extra = new ArrayList<>();
        PlanJson.array(sl, "extra", where).forEach(n -> extra.add(n.asText()));
        SlurmSettings slurm = new SlurmSettings(PlanJson.text(sl, "time", where), PlanJson.text(sl, "mem", where),
                PlanJson.integer(sl, "cpus_per_task", where), PlanJson.integer(sl, "gpus", where),
                PlanJson.textOrNull(sl, "partition"), PlanJson.textOrNull(sl, "account"),
                PlanJson.integer(sl, "max_running", where), extra, PlanJson.text(sl, "launcher", where),
                PlanJson.textOrNull(sl, "java_opts"), PlanJson.text(sl, "device", where));
        int shards = PlanJson.integer(j, "shards", where);
        if (cells.isEmpty() || shards < 1 || shards > cells.size()) {
            throw new JobsException(where + ": " + cells.size() + " cells in " + shards + " shards");
        }
        return new JobPlan(abs, planId, TaskKind.parse(PlanJson.text(j, "task", where)), PlanJson.text(j, "created", where),
                PlanJson.text(j, "created_on", where), PlanJson.text(j, "modelscout", where), PlanJson.text(j, "zoo", where),
                PlanJson.text(j, "zoo_fingerprint", where), models, datasets, PlanJson.text(j, "cache", where), shards,
                PlanJson.options(PlanJson.field(j, "options", where), where), slurm, cells);
    }

    /**
     * One JSON value that is the whole of {@code text}, or a one-line {@link JobsException} naming {@code where},
     * the line and column, in our words (the JSON library's own messages carry source excerpts).
     */
    static JsonNode tree(String text, String where) {
        try (com.fasterxml.jackson.core.JsonParser p = PlanJson.JSON.createParser(text)) {
            JsonNode j = PlanJson.JSON.readTree(p);
            if (j == null) {
                throw new JobsException(where + ": empty (not a JSON document)");
            }
            if (p.nextToken() != null) {
                throw new JobsException(where + ":" + p.currentLocation().getLineNr() + ":" + p.currentLocation().getColumnNr()
                        + ": not valid JSON: more text after the end of the document");
            }
            return j;
        } catch (JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            String reason = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            int colon = reason.indexOf(": ");
            return fail(where + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr()) + ": not valid JSON ("
                    + dev.modelscout.core.Shown.escape(colon > 0 ? reason.substring(0, colon) : reason) + ")", e);
        } catch (IOException e) {
            throw new JobsException(where + ": cannot read: " + IoErrors.reason(e), e);
        }
    }

    private static JsonNode fail(String message, Exception cause) {
        throw new JobsException(message, cause);
    }
}
