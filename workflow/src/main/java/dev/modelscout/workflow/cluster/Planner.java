package dev.modelscout.workflow.cluster;

import dev.modelscout.core.Backbone;
import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.engine.ImageDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Makes a plan: opens every dataset and the zoo once to fingerprint them, lays out one cell per (dataset,
 * model), dataset by dataset, cuts them into shards and writes the plan folder ({@link PlanFiles}).
 */
public final class Planner {

    /** Slurm's default MaxArraySize is 1001: array indices 0..1000. */
    public static final int DEFAULT_MAX_SHARDS = 1000;

    /**
     * A dataset as named on the command line: {@code DIR}, or {@code ID=DIR} to choose its id.
     *
     * @param id   the id, or null for the default (the folder's or manifest's name, lower case)
     * @param path as given
     */
    public record DatasetSpec(String id, Path path) {

        /** Parses {@code DIR} or {@code ID=DIR}. */
        public static DatasetSpec parse(String text) {
            int eq = text.indexOf('=');
            if (eq > 0 && !text.substring(0, eq).contains("/")) {
                return new DatasetSpec(text.substring(0, eq).strip(), Path.of(text.substring(eq + 1).strip()));
            }
            return new DatasetSpec(null, Path.of(text.strip()));
        }

        String idOrDefault() {
            if (id != null) {
                return id;
            }
            Path name = path.toAbsolutePath().normalize().getFileName();
            String s = name == null ? "dataset" : name.toString();
            if (Files.isRegularFile(path) && s.contains(".")) {
                s = s.substring(0, s.lastIndexOf('.'));
            }
            return s.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What to plan.
     *
     * @param out       the plan folder (must not hold a plan yet)
     * @param zoo       the zoo catalog, as given
     * @param datasets  the datasets, as given
     * @param models    backbone ids, or empty for the whole zoo
     * @param task      what each cell computes
     * @param options   the options of every cell
     * @param cache     the feature cache root as given, or null for {@code PLAN/features}
     * @param shards    the number of array tasks, or null for one cell per task up to {@code maxShards}
     * @param maxShards the cap of that default
     * @param slurm     what submit.sbatch asks for
     * @param version   the modelscout version planning
     */
    public record Request(Path out, Path zoo, List<DatasetSpec> datasets, List<String> models, TaskKind task,
                          CellOptions options, Path cache, Integer shards, int maxShards, SlurmSettings slurm,
                          String version) {
    }

    private Planner() {
    }

    /** Plans and writes the plan folder; returns the plan. */
    public static JobPlan plan(Request r, Fingerprints fingerprints) {
        Path dir = r.out().toAbsolutePath().normalize();
        if (PlanFiles.exists(dir)) {
            throw new InvalidOptionException(r.out() + ": already holds a plan; see `modelscout jobs status --plan "
                    + r.out() + "`, resubmit its unfinished shards with `modelscout jobs submit --plan " + r.out()
                    + "`, or plan into another folder");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidOptionException(r.out() + ": is a file; --out names the plan folder");
        }
        if (r.datasets().isEmpty()) {
            throw new InvalidOptionException("--datasets: name at least one dataset");
        }
        if (r.maxShards() < 1) {
            throw new InvalidOptionException("--max-shards " + r.maxShards() + ": out of range (allowed: an integer >= 1)");
        }
        List<Backbone> selected = fingerprints.catalog(r.zoo()).select(r.models());
        List<PlanModel> models = new ArrayList<>();
        for (Backbone b : selected) {
            models.add(new PlanModel(b.id(), fingerprints.modelFingerprint(r.zoo(), b.id())));
        }
        Map<String, PlanDataset> datasets = new LinkedHashMap<>();
        for (DatasetSpec spec : r.datasets()) {
            String id = spec.idOrDefault();
            if (id.isBlank()) {
                throw new InvalidOptionException("--datasets " + spec.path() + ": an empty dataset id");
            }
            if (datasets.containsKey(id)) {
                throw new InvalidOptionException("--datasets: two datasets have the id '" + id + "'; name them: "
                        + "--datasets a=DIR1,b=DIR2");
            }
            ImageDataset data = fingerprints.dataset(spec.path());
            datasets.put(id, new PlanDataset(id, stored(dir, spec.path()), fingerprints.datasetFingerprint(spec.path()),
                    data.size(), data.classNames().size()));
        }
        List<Cell> cells = new ArrayList<>();
        int count = datasets.size() * models.size();
        int width = Math.max(4, Integer.toString(count - 1).length());
        for (PlanDataset d : datasets.values()) {
            for (PlanModel m : models) {
                int i = cells.size();
                cells.add(new Cell(i, Cell.idOf(i, width, d.id(), m.id()), d.id(), m.id(), r.task(), r.options()));
            }
        }
        int shards;
        if (r.shards() == null) {
            shards = Math.min(count, r.maxShards());
        } else if (r.shards() < 1 || r.shards() > count) {
            throw new InvalidOptionException("--shards " + r.shards() + ": out of range (allowed: 1 to " + count
                    + ", the number of cells)");
        } else {
            shards = r.shards();
        }
        String planId = PlanFiles.planId(PlanFiles.cellLines(cells, shards));
        String zooFingerprint = Fingerprints.zooFingerprint(models.stream().map(PlanModel::fingerprint).toList());
        String cache = r.cache() == null ? "features" : stored(dir, r.cache());
        JobPlan plan = new JobPlan(dir, planId, r.task(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                TaskIdentity.host(), r.version(), stored(dir, r.zoo()), zooFingerprint, models,
                List.copyOf(datasets.values()), cache, shards, r.options(), r.slurm(), cells);
        PlanFiles.write(plan);
        return plan;
    }

    /** A path as the plan stores it: absolute as given, or a path given relative made relative to the plan folder. */
    static String stored(Path planDir, Path given) {
        if (given.isAbsolute()) {
            return given.normalize().toString();
        }
        String rel = planDir.relativize(given.toAbsolutePath().normalize()).toString();
        return rel.isEmpty() ? "." : rel;
    }
}
