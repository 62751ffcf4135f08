package dev.modelscout.workflow.cluster;

import dev.modelscout.core.Backbone;
import dev.modelscout.core.Device;
import dev.modelscout.engine.ExtractedFeatures;
import dev.modelscout.engine.ExtractionListener;
import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.engine.FeatureExtraction;
import dev.modelscout.engine.ImageDataset;
import dev.modelscout.engine.PyTorchRuntime;
import dev.modelscout.recommender.Candidates;
import dev.modelscout.recommender.DatasetFacts;
import dev.modelscout.recommender.Job;
import dev.modelscout.scoring.Scores;
import dev.modelscout.scoring.TransferabilityScore;
import dev.modelscout.workflow.ImageFields;
import dev.modelscout.workflow.OverlapPolicy;
import dev.modelscout.zoo.BackboneCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Score cells: the backbone's features on the dataset (from the shared feature cache, else extracted and
 * cached: {@link FeatureExtraction}, as {@code score --images} does), then the planned scores on them
 * ({@code Scores.run}), the image fields ({@link ImageFields}: the dataset's probe on the reference backbone, this
 * backbone's domain distance), and the candidate row ({@code Candidates.row}). The same steps as
 * {@code score --images --zoo}, so a cell's scores are that command's. The two steps are {@link #prepare} and
 * {@link #finish}: when they overlap, the shard runner extracts the next cell's features on its prefetch thread
 * while this cell is scored, so {@link #prepare} may run on another thread than {@link #finish} (never two
 * prepares at once).
 */
final class ScoreCellRunner implements StagedCellRunner<ScoreCellRunner.Features> {

    private final Device requested;
    private final PrintWriter err;
    private final ExtractionListener progress;
    private final Map<Path, ImageDataset> opened = new ConcurrentHashMap<>();
    /** The probe's accuracy per (dataset, subsample, reference): computed once per shard. */
    private final Map<ProbeKey, Double> probes = new ConcurrentHashMap<>();
    private final OverlapPolicy policy;
    private volatile boolean overlapping;
    private OverlapPolicy.ScoringLimit limit;
    private Device resolved;

    ScoreCellRunner(Device requested, PrintWriter err, ExtractionListener progress, OverlapPolicy policy) {
        this.requested = requested;
        this.err = err;
        this.progress = progress;
        this.policy = policy;
    }

    /**
     * Cells overlap when the shard can and {@link OverlapPolicy} says so for the device (by default on CUDA); then
     * extraction ahead and scoring share the cores.
     */
    @Override
    public boolean overlap(boolean possible) {
        overlapping = possible && policy.overlaps(this::device);
        return overlapping;
    }

    /**
     * The features of the cell's backbone (cached or extracted), after its planned scores were checked (a bad name
     * fails before any extraction); starts loading the scores' natives meanwhile.
     */
    @Override
    public Features prepare(Cell cell, CellInputs in) {
        CellOptions o = cell.options();
        List<TransferabilityScore> scorers = Scores.of(o.scores(), new Scores.Options(o.parcPca(), o.gbcPca()), false);
        Scores.loadNativesInBackground();
        return features(cell, in, scorers);
    }

    /** The planned scores of the features and the cell's row. */
    @Override
    public CellOutcome finish(Cell cell, CellInputs in, Features f) {
        if (overlapping && limit == null) {
            limit = policy.limitScoring();
        }
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("features_s", f.seconds());
        Map<String, Double> scores = new LinkedHashMap<>();
        double total = 0;
        for (Scores.Result r : Scores.run(f.scorers(), f.features().features(), f.features().labels(), null)) {
            scores.put(r.name(), r.value());
            timings.put("score_" + r.name() + "_s", r.seconds());
            total += r.seconds();
        }
        timings.put("scores_s", total);
        Job row = Candidates.row(in.source(), cell.index() + 1, f.facts(), f.backbone(), scores, f.domainDistance());
        return new CellOutcome(scores, Double.NaN, row, timings, f.device().toString(), Map.of("features", f.details()));
    }

    /** Puts the scores' thread count back, when the overlap lowered it. */
    @Override
    public void shardDone() {
        if (limit != null) {
            limit.close();
            limit = null;
        }
    }

    /** What a dataset's probe depends on: the images, their subsample and the reference backbone. */
    private record ProbeKey(Path images, int perClass, long seed, String reference) {
    }

    /** A cell's scores (made once, from the plan's names), its features, where they came from and how long they took. */
    record Features(List<TransferabilityScore> scorers, Backbone backbone, ExtractedFeatures features,
                    DatasetFacts facts, double domainDistance, Device device, double seconds,
                    Map<String, Object> details) {
    }

    /** The features of the cell's backbone on its dataset (cached or extracted), with the dataset's facts. */
    Features features(Cell cell, CellInputs in, List<TransferabilityScore> scorers) {
        CellOptions o = cell.options();
        long t0 = System.nanoTime();
        ImageDataset all = opened.computeIfAbsent(in.images().toAbsolutePath().normalize(), p -> {
            ImageDataset d = ImageDataset.open(in.images());
            d.note().ifPresent(progress::note);
            return d;
        });
        Device device = device();
        ExtractionOptions options = ExtractionOptions.defaults().withDevice(device).withBatchSize(o.batchSize())
                .withComputeThreads(o.threads()).withStrict(o.strict());
        if (overlapping) {
            options = policy.extraction(options);
        }
        BackboneCatalog catalog = BackboneCatalog.load(in.zoo());
        Backbone backbone = catalog.get(cell.model());
        ImageDataset data = all.subsample(o.perClass(), o.sampleSeed());
        ExtractedFeatures x = FeatureExtraction.features(catalog.resolved(backbone), data, options, in.cacheDir(), progress);
        // The image fields: the dataset's probe on the reference backbone (its cell's cached features, or extracted
        // into the same cache once per dataset), and this backbone's domain distance.
        String reference = ImageFields.reference(catalog).id();
        ExtractionOptions referenceOptions = options;
        double probe = probes.computeIfAbsent(new ProbeKey(in.images().toAbsolutePath().normalize(), o.perClass(),
                o.sampleSeed(), reference), k -> ImageFields.probeAccuracy(catalog, backbone, x, data, referenceOptions,
                in.cacheDir(), progress));
        double distance = ImageFields.domainDistance(catalog, backbone, x);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("images", x.features().rows());
        details.put("dim", x.features().cols());
        details.put("classes", x.labels().numClasses());
        details.put("skipped", x.skipped().size());
        details.put("cached", x.cached());
        details.put("cache", in.cacheDir().resolve(cell.model()).toString());
        return new Features(scorers, backbone, x, new DatasetFacts(in.dataset().id(), data.size(), data.classNames().size())
                .withProbe(probe, reference), distance, device, (System.nanoTime() - t0) / 1e9, details);
    }

    /** The device, resolved once (auto: CUDA when usable, else the CPU; a warning only from a CUDA build). */
    synchronized Device device() {
        if (resolved == null) {
            resolved = PyTorchRuntime.resolve(requested, m -> {
                err.println(m);
                err.flush();
            });
        }
        return resolved;
    }
}
