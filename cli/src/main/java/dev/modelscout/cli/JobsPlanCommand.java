package dev.modelscout.cli;

import dev.modelscout.core.Device;
import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.scoring.Scores;
import dev.modelscout.scoring.ScoringException;
import dev.modelscout.workflow.BuildInfo;
import dev.modelscout.workflow.EmbeddedWorld;
import dev.modelscout.workflow.cluster.CellOptions;
import dev.modelscout.workflow.cluster.Fingerprints;
import dev.modelscout.workflow.cluster.JobPlan;
import dev.modelscout.workflow.cluster.PlanFiles;
import dev.modelscout.workflow.cluster.SbatchScript;
import dev.modelscout.workflow.cluster.Planner;
import dev.modelscout.workflow.cluster.SlurmSettings;
import dev.modelscout.workflow.cluster.TaskKind;
import dev.modelscout.workflow.finetune.FineTuneSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code modelscout jobs plan}: writes a plan folder (cells, fingerprints, submit.sbatch). */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Plan a sweep: one cell per (dataset, backbone) with its exact options, the zoo's and datasets' "
                + "fingerprints, and PLAN/submit.sbatch, a Slurm array job whose task I runs "
                + "`modelscout jobs run --plan PLAN --shard I --of N`.",
            "",
            "Relative paths are stored relative to the plan folder, absolute ones as given, so a plan moved together "
                + "with its data runs elsewhere. The global --device, the launcher and MODELSCOUT_JAVA_OPTS are passed "
                + "to the tasks."})
final class JobsPlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    @Mixin
    DeviceOption device;

    @Option(names = "--zoo", paramLabel = "FILE", description = "Zoo catalog (.csv or .json). Default: the embedded world's zoo.")
    Path zoo;

    @Option(names = "--datasets", required = true, split = ",", paramLabel = "DIR|ID=DIR",
            description = "Image datasets (ImageFolders or CSV manifests), comma-separated; ID=DIR names one "
                    + "(by default the id is the folder's name, lower case).")
    List<String> datasets;

    @Option(names = "--models", split = ",", paramLabel = "ID", description = "Backbones. Default: the whole zoo.")
    List<String> models = new ArrayList<>();

    @Option(names = "--task", defaultValue = "score", paramLabel = "score|finetune",
            description = "What each cell computes: score (features, then scores) or finetune (a fine-tuning run; its "
                    + "accuracy goes into the row). Default: ${DEFAULT-VALUE}.")
    String task;

    @Option(names = "--scores", paramLabel = "LIST",
            description = "Scores of each cell, as `score --scores` (all = every score from features). Default: "
                    + "logme,parc,lfc for score cells, none for finetune cells.")
    String scores;

    @Option(names = "--parc-pca", defaultValue = "0", paramLabel = "K", description = "As `score --parc-pca`. Default: ${DEFAULT-VALUE}.")
    int parcPca;

    @Option(names = "--gbc-pca", defaultValue = "64", paramLabel = "K", description = "As `score --gbc-pca`. Default: ${DEFAULT-VALUE}.")
    int gbcPca;

    @Option(names = "--per-class", paramLabel = "N", description = "At most N images per class (N >= 1). Default: all.")
    Integer perClass;

    @Option(names = "--sample-seed", defaultValue = "0", paramLabel = "S", description = "Seed of the --per-class subsample. Default: ${DEFAULT-VALUE}.")
    long sampleSeed;

    @Option(names = "--batch-size", defaultValue = "32", paramLabel = "B", description = "Images per forward pass of the extraction. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "T", description = "PyTorch compute threads (0: one per core). Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--strict", description = "Fail a cell on its first unreadable image instead of skipping it.")
    boolean strict;

    @Option(names = "--epochs", paramLabel = "E", description = "finetune: passes over the training images. Default: 10.")
    Integer epochs;

    @Option(names = "--lr", paramLabel = "LR", description = "finetune: learning rate of the first step (cosine decay). Default: 0.01.")
    Double learningRate;

    @Option(names = "--ft-batch-size", paramLabel = "B", description = "finetune: images per step. Default: 32.")
    Integer ftBatchSize;

    @Option(names = "--momentum", paramLabel = "M", description = "finetune: SGD momentum. Default: 0.9.")
    Double momentum;

    @Option(names = "--weight-decay", paramLabel = "WD", description = "finetune: L2 weight decay. Default: 1e-4.")
    Double weightDecay;

    @Option(names = {"--finetune-seed", "--ft-seed"}, paramLabel = "S",
            description = "finetune: seed of the head, batch order and train/validation split (finetune's --finetune-seed). "
                    + "Default: 0.")
    Long ftSeed;

    @Option(names = "--freeze-backbone", description = "finetune: train the new head only.")
    boolean freezeBackbone;

    @Option(names = "--val-fraction", paramLabel = "F", description = "finetune: share of each class held out for validation. Default: 0.2.")
    Double valFraction;

    @Option(names = "--val-root", paramLabel = "DIR",
            description = "finetune: validate every cell of dataset ID on the fixed images of DIR/ID (same classes) "
                    + "and train on the whole (--per-class subsampled) dataset, instead of a split.")
    Path valRoot;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Feature cache shared by every task (one sub-folder per dataset); put it on the cluster's "
                    + "shared file system. Default: PLAN/features.")
    Path cache;

    @Option(names = "--shards", paramLabel = "N", description = "Array tasks (1 to the number of cells). Default: one cell per task, at most --max-shards.")
    Integer shards;

    @Option(names = "--max-shards", defaultValue = "" + Planner.DEFAULT_MAX_SHARDS, paramLabel = "N",
            description = "Cap of the default --shards (Slurm's default MaxArraySize allows 1000). Default: ${DEFAULT-VALUE}.")
    int maxShards;

    @Option(names = "--gpu", description = "Ask each task for a GPU (#SBATCH --gres=gpu:1); the tasks then pass --device cuda unless --device says otherwise.")
    boolean gpu;

    @Option(names = "--time", defaultValue = "04:00:00", paramLabel = "T", description = "#SBATCH --time of each task. Default: ${DEFAULT-VALUE}.")
    String time;

    @Option(names = "--mem", defaultValue = "16G", paramLabel = "M", description = "#SBATCH --mem of each task (more than the JVM's -Xmx). Default: ${DEFAULT-VALUE}.")
    String mem;

    @Option(names = "--cpus", defaultValue = "4", paramLabel = "C", description = "#SBATCH --cpus-per-task. Default: ${DEFAULT-VALUE}.")
    int cpus;

    @Option(names = "--partition", paramLabel = "P", description = "#SBATCH --partition.")
    String partition;

    @Option(names = "--account", paramLabel = "A", description = "#SBATCH --account.")
    String account;

    @Option(names = "--max-running", defaultValue = "0", paramLabel = "K", description = "At most K tasks at once (--array=0-N%%K); 0 = no limit. Default: ${DEFAULT-VALUE}.")
    int maxRunning;

    @Option(names = "--sbatch-option", paramLabel = "OPT", description = "One more #SBATCH line, as given (e.g. --constraint=a100); repeatable.")
    List<String> sbatchOptions = new ArrayList<>();

    @Option(names = "--launcher", paramLabel = "PATH",
            description = "The modelscout launcher the tasks run. Default: this installation's bin/modelscout.")
    Path launcher;

    @Option(names = "--java-opts", paramLabel = "OPTS",
            description = "MODELSCOUT_JAVA_OPTS of the tasks. Default: MODELSCOUT_JAVA_OPTS here, if set.")
    String javaOpts;

    @Option(names = "--out", required = true, paramLabel = "PLAN", description = "The plan folder (new).")
    Path out;

    @Override
    public Integer call() {
        TaskKind kind = TaskKind.parse(task);
        Scores.Options scoreOptions = new Scores.Options(parcPca, gbcPca);
        List<String> scoreNames = scoreNames(kind, scoreOptions);
        atLeast("--per-class", perClass, 1, "an integer >= 1; leave it out to use every image");
        atLeast("--cpus", cpus, 1, "an integer >= 1");
        atLeast("--max-running", maxRunning, 0, "an integer >= 0; 0 = no limit");
        FineTuneSettings ft = kind == TaskKind.FINETUNE ? fineTuneSettings() : null;
        Scores.Options defaults = Scores.Options.defaults();
        if (kind == TaskKind.FINETUNE && (parcPca != defaults.parcPcaDims() || gbcPca != defaults.gbcPcaDims())) {
            throw new InvalidOptionException("--parc-pca / --gbc-pca: fine-tuning cells score with the defaults, as "
                    + "`modelscout finetune` does");
        }
        if (kind == TaskKind.FINETUNE && sampleSeed != 0) {
            throw new InvalidOptionException("--sample-seed: fine-tuning cells draw their --per-class subsample with "
                    + "--finetune-seed, as `modelscout finetune --finetune-seed` does");
        }
        if (kind == TaskKind.SCORE && (epochs != null || learningRate != null || ftBatchSize != null || momentum != null
                || weightDecay != null || ftSeed != null || freezeBackbone || valFraction != null || valRoot != null)) {
            throw new InvalidOptionException("fine-tuning options (--epochs, --lr, ...) need --task finetune");
        }
        CellOptions options = new CellOptions(scoreNames, parcPca, gbcPca, perClass == null ? 0 : perClass, sampleSeed,
                batchSize, threads, strict, ft);
        Device device = GlobalOptions.of(spec).device();
        String taskDevice = gpu && device == Device.AUTO ? "cuda" : device.toString();
        String env = System.getenv("MODELSCOUT_JAVA_OPTS");
        SlurmSettings slurm = new SlurmSettings(time, mem, cpus, gpu ? 1 : 0, partition, account, maxRunning,
                sbatchOptions, launcherPath(), javaOpts != null ? javaOpts : env == null || env.isBlank() ? null : env,
                taskDevice);
        List<Planner.DatasetSpec> specs = datasets.stream().map(Planner.DatasetSpec::parse).toList();
        Path catalog = zoo != null ? zoo : EmbeddedWorld.locate().zoo();
        JobPlan plan = Planner.plan(new Planner.Request(out, catalog, specs, models, kind, options, cache, shards, maxShards,
                slurm, BuildInfo.versionOr("development build")), new Fingerprints());
        print(plan);
        return 0;
    }

    private static void atLeast(String option, Integer value, int min, String allowed) {
        if (value != null && value < min) {
            throw new InvalidOptionException(option + " " + value + ": out of range (allowed: " + allowed + ")");
        }
    }

    private List<String> scoreNames(TaskKind kind, Scores.Options scoreOptions) {
        String s = scores != null ? scores : kind == TaskKind.SCORE ? "logme,parc,lfc" : Scores.NONE;
        List<String> names;
        try {
            names = Scores.parseNames(s, scoreOptions, false);
        } catch (ScoringException e) {
            throw new InvalidOptionException("--scores " + s + ": " + e.getMessage());
        }
        if (kind == TaskKind.SCORE && names.isEmpty()) {
            throw new InvalidOptionException("--scores " + s + ": score cells compute at least one score");
        }
        return names;
    }

    private FineTuneSettings fineTuneSettings() {
        FineTuneSettings d = FineTuneSettings.defaults();
        return new FineTuneSettings(epochs != null ? epochs : d.epochs(), learningRate != null ? learningRate : d.learningRate(),
                ftBatchSize != null ? ftBatchSize : d.batchSize(), momentum != null ? momentum : d.momentum(),
                weightDecay != null ? weightDecay : d.weightDecay(), ftSeed != null ? ftSeed : d.seed(),
                freezeBackbone, valFraction != null ? valFraction : d.valFraction(),
                valRoot == null ? null : valRoot.toAbsolutePath().normalize().toString());
    }

    /** --launcher, else bin/modelscout of the installation this runs from, else `modelscout` (on the PATH). */
    private String launcherPath() {
        if (launcher != null) {
            return launcher.toAbsolutePath().normalize().toString();
        }
        return BuildInfo.launcher();
    }


    private void print(JobPlan plan) {
        PrintWriter o = spec.commandLine().getOut();
        String p = SbatchScript.word(out.toString());
        o.printf("planned %d %s cells (%d datasets x %d models) in %d shards: %s%n", plan.cells().size(), plan.task().id(),
                plan.datasets().size(), plan.models().size(), plan.shards(), plan.dir());
        o.println("  " + PlanFiles.PLAN + ", " + PlanFiles.CELLS + " (one line per cell), " + PlanFiles.SBATCH
                + "; feature cache " + plan.resolve(plan.cache()));
        o.println("submit:    sbatch " + SbatchScript.word(plan.dir().resolve(PlanFiles.SBATCH).toString()));
        o.println("or here:   for i in $(seq 0 " + (plan.shards() - 1) + "); do modelscout --device " + plan.slurm().device()
                + " jobs run --plan " + p + " --shard $i --of " + plan.shards() + "; done");
        o.println("progress:  modelscout jobs status --plan " + p);
        o.println("merge:     modelscout jobs merge --plan " + p + " --out rows.csv");
        o.flush();
    }
}
