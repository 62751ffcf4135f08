package dev.modelscout.cli;

import dev.modelscout.core.AtomicFiles;
import dev.modelscout.core.Device;
import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.core.IoErrors;
import dev.modelscout.core.ModelScoutException;
import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.engine.FineTuneOptions;
import dev.modelscout.engine.ImageDataset;
import dev.modelscout.engine.PyTorchRuntime;
import dev.modelscout.recommender.Recommenders;
import dev.modelscout.recommender.guided.GuidedSearch;
import dev.modelscout.report.HtmlReports;
import dev.modelscout.workflow.EmbeddedWorld;
import dev.modelscout.workflow.ZooFeatures;
import dev.modelscout.workflow.recommend.RecommenderDefaults;
import dev.modelscout.workflow.select.SelectRun;
import dev.modelscout.workflow.select.SelectSlurm;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code modelscout select}: the guided loop; round by round, fine-tune the backbone most likely to beat the best found. */
@Command(name = "select", mixinStandardHelpOptions = true,
        description = "Find the best backbone of a zoo for an image folder with few fine-tunes: round by round, rank "
                + "the untried backbones with the recommender and its intervals, fine-tune the one of highest expected "
                + "improvement over the best found (as `finetune` does), append the job to the history, update the "
                + "predictions with it, and repeat until --budget fine-tunes are spent or no untried backbone is likely "
                + "to beat the best by more than --stop-gap. Killed and run again with the same arguments, it goes on "
                + "where it was (no finished fine-tune is repeated). See docs/select.md.")
final class SelectCommand implements Callable<Integer> {

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

    @Option(names = "--images", required = true, paramLabel = "DIR|CSV",
            description = "Target images: a folder with one sub-folder per class, or a CSV manifest.")
    Path images;

    @Option(names = "--zoo", paramLabel = "ZOO", description = "Backbone catalog. Default: the embedded world's zoo.")
    Path zoo;

    @Option(names = "--history", paramLabel = "H.csv",
            description = "The history to learn from and to append the target's jobs to. Default: a copy of the "
                    + "embedded world's history in --out (the embedded history is never written).")
    Path history;

    @Option(names = "--budget", required = true, paramLabel = "K", description = "Fine-tunes of this target at most.")
    int budget;

    @Option(names = "--parallel", defaultValue = "1", paramLabel = "P",
            description = "Backbones chosen per round and fine-tuned at once (the local executor: a finetune process "
                    + "each, with its share of --threads, its log in DIR/logs; slurm: one array). Default: ${DEFAULT-VALUE}.")
    int parallel;

    @Option(names = "--stop-gap", defaultValue = "0.01", paramLabel = "EPS",
            description = "Stop when no untried backbone is likely (probability >= 0.1) to beat the best found by more "
                    + "than EPS. Default: ${DEFAULT-VALUE}.")
    double stopGap;

    @Option(names = "--executor", defaultValue = "local", paramLabel = "local|slurm",
            description = "Where fine-tunes run: local (this process, one after the other) or slurm (each round a "
                    + "`jobs` fine-tuning plan in DIR/plans, submitted with sbatch and waited for). Default: ${DEFAULT-VALUE}.")
    String executor;

    @Option(names = "--time", defaultValue = "04:00:00", paramLabel = "T", description = "slurm: #SBATCH --time of each task. Default: ${DEFAULT-VALUE}.")
    String time;

    @Option(names = "--mem", defaultValue = "16G", paramLabel = "M", description = "slurm: #SBATCH --mem of each task. Default: ${DEFAULT-VALUE}.")
    String mem;

    @Option(names = "--cpus", defaultValue = "4", paramLabel = "C", description = "slurm: #SBATCH --cpus-per-task. Default: ${DEFAULT-VALUE}.")
    int cpus;

    @Option(names = "--gpu", description = "slurm: ask each task for a GPU (the tasks then fine-tune with --device cuda).")
    boolean gpu;

    @Option(names = "--partition", paramLabel = "P", description = "slurm: #SBATCH --partition.")
    String partition;

    @Option(names = "--account", paramLabel = "A", description = "slurm: #SBATCH --account.")
    String account;

    @Option(names = "--poll", defaultValue = "5", paramLabel = "S", description = "slurm: seconds between looks at the plan. Default: ${DEFAULT-VALUE}.")
    int poll;

    @Option(names = "--recommender", defaultValue = "auto", paramLabel = "auto|fm|lr|ensemble|popularity",
            description = "The recommender trained on the history. Default: ${DEFAULT-VALUE}.")
    String recommender;

    @Option(names = "--features", defaultValue = RecommenderDefaults.FEATURES, paramLabel = "d,m,s,...",
            description = "Its features (see `train --help`). Default: ${DEFAULT-VALUE}.")
    String features;

    @Option(names = "--dataset-id", paramLabel = "NAME", description = "Id of the target in the history. Default: the folder's name.")
    String datasetId;

    @Option(names = "--out", paramLabel = "DIR",
            description = "State file, select.json (every round), fine-tuned weights, the history copy. Default: select-<dataset id>.")
    Path out;

    @Option(names = "--report", paramLabel = "R.html",
            description = "Also write a self-contained HTML report: the recommend report of the loop's initial ranking "
                    + "with the trajectory first (best found against fine-tunes, each fine-tune's predicted interval "
                    + "beside what it measured, the rounds).")
    Path report;

    @Option(names = "--cache", paramLabel = "DIR", description = "Feature cache. Default: ~/.cache/modelscout/features/<hash of the image path>.")
    Path cache;

    /** csv / json: one row per fine-tune of every round on stdout at the end; the rounds as they go on stderr. */
    @Mixin
    TableOptions table;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = table.machine() ? err : spec.commandLine().getOut();
        OptionRanges.atLeast("--budget", budget, 1, "an integer >= 1");
        OptionRanges.atLeast("--parallel", parallel, 1, "an integer >= 1");
        fineTuning.check(true);
        fineTuning.noteDeprecated(err);
        OptionRanges.within("--stop-gap", stopGap, 0, 1, "a number in [0, 1]");
        if (!executor.equals("local") && !executor.equals("slurm")) {
            throw new InvalidOptionException("--executor " + executor + ": unknown (allowed: local, slurm)");
        }
        OptionRanges.atLeast("--cpus", cpus, 1, "an integer >= 1");
        OptionRanges.atLeast("--poll", poll, 1, "an integer >= 1");
        SelectSlurm.Settings slurm = executor.equals("slurm")
                ? new SelectSlurm.Settings(time, mem, cpus, gpu, partition, account, java.time.Duration.ofSeconds(poll))
                : null;
        Recommenders.kind(recommender);
        if (report != null) {
            OutputPaths.require(report, "--report", ".html", ".htm");
        }
        OutputPaths.requireName(datasetId, "--dataset-id");
        String id = datasetId != null ? datasetId : ImageDataset.defaultId(images);
        Path outDir = out != null ? out : Path.of("select-" + id);
        // The same checks before any work as every other output: no folder above an output is created.
        OutputPaths.requireFolder(outDir, "--out");
        if (cache != null) {
            OutputPaths.requireFolder(cache, "--cache");
        }
        if (history != null) {
            OutputPaths.requireWritable(history);
        }
        if (zoo == null) {
            zoo = EmbeddedWorld.locate().zoo();
        }
        try {
            Files.createDirectories(outDir); // its parent exists: checked above
        } catch (IOException e) {
            throw new ModelScoutException(outDir + ": cannot create: " + IoErrors.reason(e), e);
        }
        Path h = history;
        if (h == null) {
            h = outDir.resolve("history.csv");
            if (!Files.exists(h)) {
                copy(EmbeddedWorld.locate().history(), h);
                err.println("history: a copy of the embedded world's in " + h);
            }
        } else {
            EmbeddedWorld.refuseWritingInto(h, "--history");
        }
        Device device = PyTorchRuntime.resolve(GlobalOptions.of(spec).device(), err::println);
        FineTuneOptions options = FineTuneOptions.defaults().withDevice(device).withEpochs(fineTuning.epochs).withLearningRate(fineTuning.lr)
                .withBatchSize(fineTuning.batchSize).withSeed(fineTuning.seed).withThreads(fineTuning.threads)
                .withFreezeBackbone(fineTuning.freezeBackbone);
        SelectRun.Request request = new SelectRun.Request(zoo, images, id, h, budget, parallel,
                GuidedSearch.Config.defaults().withEps(stopGap), Recommenders.trainer(recommender), features, options,
                fineTuning.perClass == null ? 0 : fineTuning.perClass, fineTuning.valFraction, outDir,
                cache != null ? cache : ZooFeatures.defaultCacheDir(images), slurm, Relaunch.command());
        SelectRun.Result r = SelectRun.run(request, ExtractionOptions.defaults().withDevice(device).withStrict(fineTuning.strict),
                ProgressReporter.forConsole(spec), FineTuneProgress.toConsole(spec), err); // the rounds as they go: stderr
        err.flush();
        o.println("stopped: " + r.stopped());
        if (r.bestModel() != null) {
            o.printf(Locale.ROOT, "best backbone: %s, measured accuracy %.4f after %d fine-tunes%s%n", r.bestModel(),
                    r.bestAccuracy(), r.fineTunes(), r.bestWeights() == null ? "" : "; fine-tuned weights in " + r.bestWeights());
        }
        Wrote.say(err, outDir.resolve("select.json"), "every round");
        if (report != null) {
            HtmlReports.write(report, SelectRun.reportHtml(r, 5));
            Wrote.say(err, report);
        }
        if (table.machine()) {
            table.print(fineTunes(r), spec.commandLine().getOut(), err);
        }
        o.flush();
        return 0;
    }

    /** Every fine-tune of the run, round by round: what it measured beside what was predicted, the best so far. */
    private static Table fineTunes(SelectRun.Result r) {
        Table t = Table.of(Table.integer("round", Table.KEEP), Table.text("model", Table.KEEP),
                Table.number("accuracy", Table.KEEP), Table.number("predicted", 80), Table.number("low", 60),
                Table.number("high", 60), Table.text("best_model", 70), Table.number("best_accuracy", 70),
                Table.number("stop_probability", 50), new Table.Column("stop", "stop", Table.Kind.TEXT, 40));
        for (SelectRun.Round round : r.rounds()) {
            for (int i = 0; i < round.tried().size(); i++) {
                t.row(round.round(), round.tried().get(i), at(round.accuracy(), i), at(round.predicted(), i),
                        at(round.low(), i), at(round.high(), i), round.bestModel(), round.bestAccuracy(),
                        round.stopProbability(), round.stop());
            }
        }
        return t;
    }

    private static Double at(java.util.List<Double> values, int i) {
        return values == null || i >= values.size() ? null : values.get(i);
    }

    private static void copy(Path from, Path to) {
        try {
            AtomicFiles.write(to, Files.readString(from));
        } catch (IOException e) {
            throw new ModelScoutException(to + ": cannot copy " + from + ": " + IoErrors.reason(e), e);
        }
    }
}
