package dev.modelscout.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.modelscout.core.AtomicFiles;
import dev.modelscout.core.Device;
import dev.modelscout.core.IoErrors;
import dev.modelscout.core.ModelScoutException;
import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.engine.FineTuneListener;
import dev.modelscout.engine.FineTuneResult;
import dev.modelscout.engine.ImageDataset;
import dev.modelscout.engine.PyTorchRuntime;
import dev.modelscout.recommender.AppendResult;
import dev.modelscout.recommender.HistoryAppender;
import dev.modelscout.recommender.OnDuplicate;
import dev.modelscout.scoring.TransferabilityScore;
import dev.modelscout.workflow.EmbeddedWorld;
import dev.modelscout.workflow.ZooFeatures;
import dev.modelscout.workflow.finetune.FineTuneRun;
import dev.modelscout.workflow.finetune.FineTuneSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modelscout finetune}: fine-tunes one zoo backbone on an image folder (a new linear head, the whole
 * network trained unless {@code --freeze-backbone}), reports top-1 accuracy on a seeded stratified validation
 * split, and with {@code --history} appends the job, with the scores of its features, to a training history.
 */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = "Fine-tune one zoo backbone on an image folder: the TorchScript backbone with a new linear head, "
                + "SGD with momentum and a cosine schedule (docs/finetune.md), top-1 accuracy on a seeded stratified "
                + "validation split (or --val). With --history, the job is appended to the history as one row: the "
                + "dataset's and the model's fields, the transferability scores of the backbone's features on the "
                + "training part, and the accuracy.")
final class FineTuneCommand implements Callable<Integer> {

    @Mixin
    FineTuneOptionsMixin fineTuning;

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    @Mixin
    DeviceOption device;

    @Mixin
    ScoringDeviceOption scoringDevice;

    @Option(names = "--zoo", paramLabel = "ZOO", description = "Backbone catalog (CSV or JSON). Default: the embedded world's zoo.")
    Path zoo;

    @Option(names = "--model", required = true, paramLabel = "ID", description = "The backbone to fine-tune.")
    String model;

    @Option(names = "--images", required = true, paramLabel = "DIR|CSV",
            description = "Target images: a folder with one sub-folder per class, or a CSV manifest.")
    Path images;

    @Option(names = "--dataset-id", paramLabel = "NAME", description = "Id of the dataset in the history. Default: the folder's name.")
    String datasetId;

    @Option(names = "--val", paramLabel = "DIR", description = "A validation folder with the same classes instead of a split.")
    Path val;

    @Option(names = "--scores", defaultValue = "all", paramLabel = "NAME[,NAME...]",
            description = "Scores of the backbone's features on the training part, for the history row "
                    + "(feature-only scores; 'all' = every one, 'none' = no score). Default: ${DEFAULT-VALUE}.")
    String scores;

    @Option(names = "--history", paramLabel = "H.csv", description = "Append the job to this training history (created if missing).")
    Path history;

    @Option(names = "--on-duplicate", defaultValue = "error", paramLabel = "error|first|mean|replace",
            description = "When the history already has this (dataset, model). Default: ${DEFAULT-VALUE}.")
    String onDuplicate;

    @Option(names = "--save", paramLabel = "DIR", description = "Save the fine-tuned network here.")
    Path save;

    @Option(names = "--out", paramLabel = "RESULT.json|-",
            description = "Write the result (accuracy, epochs, protocol, scores) as JSON; - writes it to stdout (and the "
                    + "lines for people to stderr).")
    Path out;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Feature cache of the training part. Default: ~/.cache/modelscout/features/<hash of the image path>/finetune.")
    Path cache;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        boolean outToStdout = StdoutFile.is(out);
        PrintWriter o = outToStdout ? err : spec.commandLine().getOut();
        fineTuning.noteDeprecated(spec.commandLine().getErr());
        fineTuning.check(val == null);
        OnDuplicate duplicates = OnDuplicate.parse(onDuplicate);
        if (history != null) {
            EmbeddedWorld.refuseWritingInto(history, "--history");
        }
        if (zoo == null) {
            zoo = EmbeddedWorld.locate().zoo();
        }
        OutputPaths.requireName(datasetId, "--dataset-id");
        if (save != null) {
            OutputPaths.requireFolder(save, "--save");
        }
        if (cache != null) {
            OutputPaths.requireFolder(cache, "--cache");
        }
        List<TransferabilityScore> scorers = ScoreNames.scores("--scores", scores);
        if (out != null && !outToStdout) {
            OutputPaths.require(out, "--out", ".json");
        }
        if (history != null) {
            OutputPaths.requireWritable(history);
        }
        Device device = PyTorchRuntime.resolve(GlobalOptions.of(spec).device(), err::println);
        FineTuneSettings d = FineTuneSettings.defaults();
        FineTuneSettings settings = new FineTuneSettings(fineTuning.epochs, fineTuning.lr, fineTuning.batchSize, d.momentum(), d.weightDecay(), fineTuning.seed,
                fineTuning.freezeBackbone, val != null ? d.valFraction() : fineTuning.valFraction, null);
        String id = datasetId != null ? datasetId : ImageDataset.defaultId(images);
        Path cacheDir = cache != null ? cache : ZooFeatures.defaultCacheDir(images).resolve("finetune");
        if (history != null) {
            HistoryAppender.checkBeforeWork(history, id, model, duplicates);
        }
        FineTuneRun.Request request = new FineTuneRun.Request(zoo, model, images, val, id, fineTuning.perClass == null ? 0 : fineTuning.perClass,
                settings, new FineTuneRun.Compute(device, fineTuning.threads, ExtractionOptions.defaults().batchSize(), fineTuning.strict),
                scorers, cacheDir);
        FineTuneRun.Outcome outcome = FineTuneRun.run(request, ProgressReporter.forConsole(spec), FineTuneProgress.toConsole(spec), save);
        FineTuneResult r = outcome.result();
        o.printf(Locale.ROOT, "%s on %s: validation top-1 accuracy %.4f (%d train / %d val images, %d classes, %d epochs, %.1f s on %s)%n",
                model, id, r.valAccuracy(), r.trainSize(), r.valSize(), r.numClasses(), r.history().size(),
                r.seconds(), r.device());
        if (outToStdout) {
            StdoutFile.write(spec.commandLine().getOut(), ".json", f -> writeJson(f, id, outcome));
        } else if (out != null) {
            writeJson(out, id, outcome);
            Wrote.say(err, out);
        }
        if (save != null) {
            Wrote.say(err, save, "the fine-tuned network");
        }
        if (history != null) {
            AppendResult a = HistoryAppender.append(history, "finetune of " + model + " on " + id,
                    List.of(outcome.row()), duplicates, m -> {
                        err.println(m);
                        err.flush();
                    });
            o.println((a.appended() == 1 ? "appended the job to " : "the job was not appended to ") + history
                    + (a.skipped() > 0 ? " (already there; --on-duplicate first)" : "")
                    + "; history now " + a.jobs() + " jobs");
        }
        o.flush();
        return 0;
    }

    private static void writeJson(Path file, String datasetId, FineTuneRun.Outcome outcome) {
        FineTuneResult r = outcome.result();
        Map<String, Object> doc = new LinkedHashMap<>(dev.modelscout.core.OutputStamp.now().asMap());
        doc.put("dataset", datasetId);
        doc.put("model", r.modelId());
        doc.put("val_accuracy", r.valAccuracy());
        doc.put("train_size", r.trainSize());
        doc.put("val_size", r.valSize());
        doc.put("num_classes", r.numClasses());
        doc.put("dataset_size", outcome.datasetSize());
        doc.put("device", r.device().toString());
        doc.put("seconds", r.seconds());
        doc.put("protocol", r.protocol().toMap());
        doc.put("scores", outcome.scores());
        doc.put("epochs", r.history().stream().map(FineTuneRun::epochFields).toList());
        try {
            AtomicFiles.write(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n");
        } catch (IOException e) {
            throw new ModelScoutException(file + ": cannot write: " + IoErrors.reason(e), e);
        }
    }
}
