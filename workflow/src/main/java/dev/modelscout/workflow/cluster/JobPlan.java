package dev.modelscout.workflow.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * A plan: every (dataset, backbone) cell of a sweep with its exact options, the fingerprints of the zoo and
 * the datasets it was made from, how it is cut into shards and how Slurm runs them. Stored in a folder
 * ({@link PlanFiles}); paths inside it are relative to that folder, or absolute as given.
 *
 * @param dir            the plan folder (absolute), where the plan was read from or written to
 * @param planId         SHA-256 (16 hex digits) of the cell lines: results carry it, so a result of another plan is never taken
 * @param task           what every cell computes
 * @param created        when it was planned (ISO-8601, UTC)
 * @param createdOn      on which host
 * @param version        the modelscout version that planned it
 * @param zoo            the zoo catalog, as stored
 * @param zooFingerprint SHA-256 over the fingerprints of the planned models, in order
 * @param models         the planned backbones
 * @param datasets       the planned datasets
 * @param cache          the feature cache root, as stored (one sub-folder per dataset, shared by every task)
 * @param shards         the number of array tasks that {@code submit.sbatch} starts
 * @param options        the options of every cell
 * @param slurm          what {@code submit.sbatch} asks for
 * @param cells          one per (dataset, model), dataset-major
 */
public record JobPlan(Path dir, String planId, TaskKind task, String created, String createdOn, String version,
                      String zoo, String zooFingerprint, List<PlanModel> models, List<PlanDataset> datasets,
                      String cache, int shards, CellOptions options, SlurmSettings slurm, List<Cell> cells) {

    public JobPlan {
        models = List.copyOf(models);
        datasets = List.copyOf(datasets);
        cells = List.copyOf(cells);
    }

    /** A stored path: relative ones resolve against the plan folder. */
    public Path resolve(String stored) {
        Path p = Path.of(stored);
        return p.isAbsolute() ? p : dir.resolve(p).normalize();
    }

    public Path zooPath() {
        return resolve(zoo);
    }

    public PlanDataset dataset(String id) {
        return datasets.stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new JobsException(dir + ": plan has no dataset '" + id + "'"));
    }

    public PlanModel model(String id) {
        return models.stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new JobsException(dir + ": plan has no model '" + id + "'"));
    }

    /** The images of dataset {@code id}. */
    public Path datasetPath(String id) {
        return resolve(dataset(id).path());
    }

    /**
     * The feature cache of dataset {@code id}: {@code CACHE/<dataset id>}, one sub-folder per model; an id that is
     * not a safe file name ({@code ..}, a path) is encoded ({@link dev.modelscout.core.FileNames#folderFor}).
     */
    public Path cacheDir(String datasetId) {
        return resolve(cache).resolve(dev.modelscout.core.FileNames.folderFor(datasetId));
    }

    /** Where the cells' results go: {@code PLAN/results}. */
    public Path resultsDir() {
        return dir.resolve(PlanFiles.RESULTS);
    }

    /** The shard of {@code cell} when the cells are cut into the plan's {@link #shards}. */
    public int shardOf(Cell cell) {
        return Sharding.shardOf(cell.index(), cells.size(), shards);
    }
}
