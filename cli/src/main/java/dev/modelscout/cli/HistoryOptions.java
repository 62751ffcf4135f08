package dev.modelscout.cli;

import dev.modelscout.recommender.FieldSpec;
import dev.modelscout.recommender.HistoryReader;
import dev.modelscout.recommender.OnDuplicate;
import dev.modelscout.recommender.ReadOptions;
import dev.modelscout.recommender.TrainingHistory;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by train and evaluate: how to read the history and which features to use. */
final class HistoryOptions {

    @Option(names = "--history", required = true, paramLabel = "H.csv",
            description = "Training history CSV (schema of shared/data/histories/README.md; extra columns allowed).")
    Path history;

    @Option(names = "--spec", paramLabel = "S.csv|S.json",
            description = "Field spec file (field,column,type,one_hot,log[,normalize,interact]). Default: the paper's table.")
    Path spec;

    @Option(names = "--features", paramLabel = "d,m,score_logme,...", defaultValue = "d,m",
            description = "Fields or columns to use; column:zscore|rank normalises within each dataset, "
                    + "column*arch_family crosses with a category. Default: ${DEFAULT-VALUE}.")
    String features;

    @Option(names = "--on-duplicate", paramLabel = "error|first|mean|replace", defaultValue = "error",
            description = "What to do with repeated (dataset, model) jobs (replace: the last one wins). Default: ${DEFAULT-VALUE}.")
    String onDuplicate;

    @Option(names = "--accuracy-percent", description = "The accuracy column holds percentages (divided by 100).")
    boolean accuracyPercent;

    TrainingHistory read() {
        return HistoryReader.read(history, ReadOptions.defaults()
                .withOnDuplicate(OnDuplicate.parse(onDuplicate)).withAccuracyInPercent(accuracyPercent));
    }

    FieldSpec features(TrainingHistory h) {
        FieldSpec base = spec == null ? FieldSpec.defaults() : FieldSpec.read(spec);
        return base.select(FieldSpec.parseFeatures(features)).requireColumnsOf(h);
    }
}
