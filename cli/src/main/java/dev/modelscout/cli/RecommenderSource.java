package dev.modelscout.cli;

import dev.modelscout.core.ModelScoutException;
import dev.modelscout.recommender.FieldSpec;
import dev.modelscout.recommender.HistoryReader;
import dev.modelscout.recommender.ReadOptions;
import dev.modelscout.recommender.Recommender;
import dev.modelscout.recommender.Recommenders;
import dev.modelscout.recommender.TrainingHistory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where a command's recommender comes from: a saved one ({@code --model}), one trained now on
 * {@code --history} with the same trainer options as {@code train}, or the embedded default.
 */
final class RecommenderSource {

    /** The embedded default recommender (class-path resource). */
    static final String DEFAULT_RECOMMENDER = "default-recommender.json";

    @Option(names = "--model", paramLabel = "model.json", description = "A recommender saved by `modelscout train`.")
    Path model;

    @Option(names = "--history", paramLabel = "H.csv",
            description = "Train a recommender on this history now instead (with --recommender, --seed, ... as in train).")
    Path history;

    @Option(names = "--features", paramLabel = "d,m,score_logme:zscore,...",
            defaultValue = "d,m,score_logme:zscore,score_reg_hscore:zscore",
            description = "Features when training on --history (see `train --help`). Default: ${DEFAULT-VALUE}.")
    String features;

    @Mixin
    TrainerOptions trainer;

    /** The resolved recommender's intervals (null when it was saved without): set by {@link #resolve}. */
    dev.modelscout.recommender.Calibration calibration;

    /**
     * The recommender; says on {@code err} which one when it is a default: the embedded world's when the run uses
     * the world's zoo ({@code world} not null), else the one trained on the public TransferGraph history.
     */
    Recommender resolve(CommandSpec spec, PrintWriter err, EmbeddedWorld world) {
        if (model != null && history != null) {
            throw new ParameterException(spec.commandLine(), "give --model or --history, not both");
        }
        if (model != null) {
            Recommenders.SavedRecommender saved = Recommenders.loadSaved(model);
            calibration = saved.calibration();
            return saved.recommender();
        }
        if (history != null) {
            trainer.check();
            TrainingHistory h = HistoryReader.read(history, ReadOptions.defaults());
            FieldSpec selected = FieldSpec.defaults().select(FieldSpec.parseFeatures(features)).requireColumnsOf(h);
            HistoryOptions.warnEmptyColumns(err, selected, h);
            calibration = dev.modelscout.recommender.Calibration.of(
                    dev.modelscout.recommender.LodoResiduals.of(h, trainer.trainer(), selected));
            return trainer.trainer().train(h, selected);
        }
        if (world != null) {
            Recommenders.SavedRecommender saved = Recommenders.loadSaved(world.recommender());
            calibration = saved.calibration();
            Recommender r = saved.recommender();
            err.println("recommender: the embedded world's (" + r.provenance().trainer() + " trained on "
                    + r.provenance().rows() + " fine-tuning jobs of its history; features "
                    + String.join(",", r.provenance().features()) + ")");
            return r;
        }
        Recommenders.SavedRecommender saved = embeddedSaved();
        calibration = saved.calibration();
        Recommender r = saved.recommender();
        err.println("recommender: embedded default (" + r.provenance().trainer() + " trained on "
                + r.provenance().rows() + " jobs of " + Path.of(r.provenance().historySource()).getFileName()
                + "; features " + String.join(",", r.provenance().features()) + ")");
        return r;
    }

    static Recommender embedded() {
        return embeddedSaved().recommender();
    }

    static Recommenders.SavedRecommender embeddedSaved() {
        try (InputStream in = RecommenderSource.class.getResourceAsStream(DEFAULT_RECOMMENDER)) {
            if (in == null) {
                throw new ModelScoutException("the embedded default recommender is missing from this build; "
                        + "give --model or --history");
            }
            return Recommenders.savedFromJson("embedded " + DEFAULT_RECOMMENDER,
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ModelScoutException("cannot read the embedded default recommender: " + e.getMessage(), e);
        }
    }
}
