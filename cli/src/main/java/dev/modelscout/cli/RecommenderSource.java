package dev.modelscout.cli;

import dev.modelscout.recommender.Calibration;
import dev.modelscout.recommender.FieldSpec;
import dev.modelscout.recommender.HistoryReader;
import dev.modelscout.recommender.LodoResiduals;
import dev.modelscout.recommender.ReadOptions;
import dev.modelscout.recommender.Recommender;
import dev.modelscout.recommender.Recommenders;
import dev.modelscout.recommender.Trainer;
import dev.modelscout.recommender.TrainingHistory;
import dev.modelscout.workflow.EmbeddedWorld;
import dev.modelscout.workflow.recommend.ChosenRecommender;
import dev.modelscout.workflow.recommend.DefaultRecommender;
import dev.modelscout.workflow.recommend.RecommenderDefaults;
import java.io.PrintWriter;
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

    @Option(names = "--model", paramLabel = "model.json", description = "A recommender saved by `modelscout train`.")
    Path model;

    @Option(names = "--history", paramLabel = "H.csv",
            description = "Train a recommender on this history now instead (with --recommender, --fm-seed, ... as in train).")
    Path history;

    @Option(names = "--features", paramLabel = "d,m,s,score_logme:zscore,...", defaultValue = RecommenderDefaults.FEATURES,
            description = "Features when training on --history (see `train --help`). Default: ${DEFAULT-VALUE}, as "
                    + "train's and the embedded world's recommender.")
    String features;

    @Mixin
    TrainerOptions trainer;

    /**
     * The recommender; says on {@code err} which one when it is a default: the embedded world's when the run uses
     * the world's zoo ({@code world} not null), else the one trained on the public TransferGraph history. With it
     * where it came from (for the report), the history it was trained on as this installation
     * has it, and that history when it was read here (--history), so a run reads it once.
     */
    ChosenRecommender choose(CommandSpec spec, PrintWriter err, EmbeddedWorld world) {
        if (model != null && history != null) {
            throw new ParameterException(spec.commandLine(), "give --model or --history, not both");
        }
        trainer.noteDeprecated(err);
        long t0 = System.nanoTime();
        if (model != null) {
            Recommenders.SavedRecommender saved = Recommenders.loadSaved(model);
            Recommender r = saved.recommender();
            return new ChosenRecommender(r, "loaded from --model " + model, r.provenance().historySource(), null, null,
                    seconds(t0), saved.calibration());
        }
        if (history != null) {
            trainer.check();
            TrainingHistory h = HistoryReader.read(history, ReadOptions.defaults());
            FieldSpec selected = FieldSpec.defaults().select(FieldSpec.parseFeatures(features)).requireColumnsOf(h);
            HistoryOptions.noteFeatures(err, features, selected);
            HistoryOptions.warnEmptyColumns(err, features, selected, h);
            Trainer t = trainer.trainer();
            Recommender r = t.train(h, selected);
            Calibration calibration = Calibration.of(LodoResiduals.of(h, t, selected, r));
            return new ChosenRecommender(r, "trained now on --history " + history, history.toString(), h, null,
                    seconds(t0), calibration);
        }
        if (world != null) {
            Recommenders.SavedRecommender saved = Recommenders.loadSaved(world.recommender());
            Recommender r = saved.recommender();
            err.println(line("the embedded world's " + r.provenance().trainer() + ", trained on "
                    + r.provenance().rows() + " fine-tuning jobs of its history", r, spec));
            return new ChosenRecommender(r, "the embedded world's (" + world.recommender().getFileName()
                    + ", trained on its history)", world.history().toString(), null, world.history(), seconds(t0),
                    saved.calibration());
        }
        Recommenders.SavedRecommender saved = DefaultRecommender.loadSaved();
        Recommender r = saved.recommender();
        err.println(line("the embedded default " + r.provenance().trainer() + ", trained on "
                + r.provenance().rows() + " jobs of " + Path.of(r.provenance().historySource()).getFileName(), r, spec));
        return new ChosenRecommender(r, "the embedded default (" + DefaultRecommender.NAME + ")",
                r.provenance().historySource(), null, null, seconds(t0), saved.calibration());
    }

    /**
     * "recommender: the embedded world's auto(factorization-machine), trained on 240 fine-tuning jobs of its
     * history": one short line; with {@code -v} the features it was trained with too (the columns it reads are on
     * stdout after the ranking).
     */
    static String line(String which, Recommender r, CommandSpec spec) {
        return "recommender: " + which + (GlobalOptions.of(spec).verbose()
                ? "; features " + String.join(",", r.provenance().features()) : "");
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
