package dev.modelscout.cli;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.core.Labels;
import dev.modelscout.scoring.ScoreFiles;
import dev.modelscout.scoring.Scores;
import dev.modelscout.scoring.ScoringException;
import dev.modelscout.scoring.TransferabilityScore;
import dev.modelscout.workflow.OverlapPolicy;
import dev.modelscout.workflow.ZooFeatures;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code modelscout score}: transferability scores of one feature matrix. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Compute transferability scores (LogME, PARC, LFC, LEEP, NCE, H-score, ...) from features (N x "
                + "D), labels (N) and, for LEEP/NCE, the source model's class probabilities (N x Cs). Inputs are "
                + "NumPy .npy (float/int, C or Fortran order) or CSV (numbers, optional header row), or --images "
                + "DIR --zoo ZOO: features of every zoo backbone on an image folder, extracted (and cached) first, "
                + "one row of scores per backbone.")
final class ScoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    @Mixin
    DeviceOption device;

    @Mixin
    ScoringDeviceOption scoringDevice;

    @Option(names = "--features", paramLabel = "FILE", description = "Features, N x D (.npy or .csv).")
    Path features;

    @Option(names = "--labels", paramLabel = "FILE", description = "Class ids, N integers (.npy or .csv); any ids, remapped.")
    Path labels;

    @Option(names = "--probs", paramLabel = "FILE",
            description = "Source-model class probabilities, N x Cs, rows summing to 1 (.npy or .csv); for leep, nce.")
    Path probs;

    @Mixin
    ImageSourceOptions source;

    /** The old name of --sample-seed here, hidden; a note says so. */
    @Option(names = "--seed", paramLabel = "S", hidden = true, description = "Deprecated: --sample-seed.")
    void setSeed(long s) {
        source.seed = s;
        Deprecations.note(spec.commandLine().getErr(), "--seed", "--sample-seed", "the seed of the --per-class subsample");
    }

    @Option(names = "--cache", paramLabel = "DIR",
            description = "With --images: feature cache. Default: ~/.cache/modelscout/features/<hash of the image path>.")
    Path cache;

    @Option(names = "--scores", paramLabel = "LIST", defaultValue = "logme,parc,lfc",
            description = "Comma-separated: logme, parc, lfc, leep, nce, hscore, reg_hscore, transrate, gbc, "
                    + "or all (every score the inputs allow). Default: ${DEFAULT-VALUE}.")
    String scores;

    @Option(names = "--out", paramLabel = "FILE|-",
            description = "Also write the results, keyed by score name, to FILE (.csv: header + one row; .json: object); "
                    + "- writes them to stdout instead of the table (json with --format json, else csv).")
    Path out;

    @Mixin
    TableOptions table;

    @Option(names = "--parc-pca", paramLabel = "K", defaultValue = "0",
            description = "PARC: reduce features to K dimensions by exact PCA first (PARC's benchmark used 32); "
                    + "0 = none. Default: ${DEFAULT-VALUE}.")
    int parcPca;

    @Option(names = "--gbc-pca", paramLabel = "K", defaultValue = "64",
            description = "GBC: reduce features to K dimensions by exact PCA first (the paper used 64); 0 = none. "
                    + "Default: ${DEFAULT-VALUE}.")
    int gbcPca;

    @Override
    public Integer call() {
        // Every option value first (usage errors, before any file is read or image extracted).
        Scores.Options options = new Scores.Options(parcPca, gbcPca);
        boolean fromImages = source.given();
        if (fromImages) {
            if (source.images != null) {
                source.fillFromWorld(false);
            }
            source.require(spec);
            if (features != null || labels != null || probs != null) {
                throw new ParameterException(spec.commandLine(),
                        "give --images/--zoo or --features/--labels/--probs, not both");
            }
        } else if (features == null || labels == null) {
            throw new ParameterException(spec.commandLine(), "--features and --labels are required (or --images and --zoo)");
        }
        try {
            Scores.parse(scores, options, true);
        } catch (ScoringException e) {
            throw new InvalidOptionException("--scores " + scores + ": " + e.getMessage());
        }
        table.format();
        boolean outToStdout = StdoutFile.is(out);
        if (out != null && !outToStdout) {
            OutputPaths.require(out, "--out", ".csv", ".json");
        }
        // The inputs decide which scores can run: LEEP and NCE need --probs (an input error, exit 1).
        List<TransferabilityScore> chosen = Scores.parse(scores, options, !fromImages && probs != null);
        if (!fromImages) {
            GlobalOptions.of(spec).noteDeviceUnused(spec, "score --features runs on the ND4J back end of this "
                    + "build (see doctor), not on a PyTorch device");
        }
        Scores.loadNativesInBackground();
        Map<String, List<Scores.Result>> byInput = fromImages ? scoreImages(chosen) : scoreFiles(chosen);
        PrintWriter outWriter = spec.commandLine().getOut();
        boolean perModel = fromImages;
        java.util.function.Consumer<Path> writer = f -> {
            if (perModel) {
                ScoreFiles.writeResultsByModel(f, byInput);
            } else {
                ScoreFiles.writeResults(f, byInput.values().iterator().next());
            }
        };
        if (outToStdout) {
            StdoutFile.write(outWriter, table.format() == Table.Format.JSON ? ".json" : ".csv", writer);
            return 0;
        }
        Table t = perModel
                ? Table.of(Table.text("model", Table.KEEP), Table.text("score", Table.KEEP), Table.number("value", Table.KEEP),
                        Table.number("seconds", 50))
                : Table.of(Table.text("score", Table.KEEP), Table.number("value", Table.KEEP), Table.number("seconds", 50));
        byInput.forEach((source, results) -> {
            for (Scores.Result r : results) {
                if (perModel) {
                    t.row(source, r.name(), r.value(), r.seconds());
                } else {
                    t.row(r.name(), r.value(), r.seconds());
                }
            }
        });
        table.print(t, outWriter, spec.commandLine().getErr());
        if (out != null) {
            writer.accept(out);
        }
        return 0;
    }

    /**
     * Every selected zoo backbone on --images, one result list per backbone (named by its id), in zoo order:
     * the features of backbone k+1 are extracted (or read from the cache) while backbone k is scored
     * ({@link ZooFeatures#forEach}). The options were checked by {@link #call}.
     */
    private Map<String, List<Scores.Result>> scoreImages(List<TransferabilityScore> chosen) {
        ZooFeatures request = source.request(cache);
        ProgressReporter progress = ProgressReporter.forConsole(spec);
        boolean verbose = GlobalOptions.of(spec).verbose();
        Map<String, List<Scores.Result>> byInput = new LinkedHashMap<>();
        OverlapPolicy overlap = GlobalOptions.of(spec).overlap();
        request.forEach(request.dataset(), source.extractionOptions(spec), progress, overlap, (b, f) -> {
            if (verbose) {
                progress.warn(describe(f.modelId(), f.features(), f.labels()));
            }
            byInput.put(f.modelId(), Scores.run(chosen, f.features(), f.labels(), null));
        });
        return byInput;
    }

    /** The files given by --features/--labels/--probs: one input, named by the features file. */
    private Map<String, List<Scores.Result>> scoreFiles(List<TransferabilityScore> chosen) {
        FeatureMatrix f = ScoreFiles.readMatrix(features);
        Labels y = ScoreFiles.readLabels(labels);
        FeatureMatrix p = probs == null ? null : ScoreFiles.readMatrix(probs);
        ScoreFiles.checkInputs(features, f, labels, y, probs, p);
        if (GlobalOptions.of(spec).verbose()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(describe(features.toString(), f, y));
            err.flush();
        }
        Map<String, List<Scores.Result>> byInput = new LinkedHashMap<>();
        byInput.put(features.toString(), Scores.run(chosen, f, y, p));
        return byInput;
    }

    private static String describe(String source, FeatureMatrix f, Labels y) {
        return "scoring " + source + ": N=" + y.size() + ", D=" + f.cols() + ", classes=" + y.numClasses();
    }
}
