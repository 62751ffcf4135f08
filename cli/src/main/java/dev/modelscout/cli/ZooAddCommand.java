package dev.modelscout.cli;

import dev.modelscout.core.Backbone;
import dev.modelscout.core.Device;
import dev.modelscout.core.WeightsKind;
import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.engine.ModelMeasurement;
import dev.modelscout.engine.PyTorchRuntime;
import dev.modelscout.workflow.ZooFeatures;
import dev.modelscout.workflow.zoo.SourceStatistics;
import dev.modelscout.zoo.BackboneCatalog;
import dev.modelscout.zoo.BackboneDraft;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modelscout zoo add}: loads a model once, measures what it can (parameters, feature dimension,
 * GMACs for DJL-built architectures, the weights file's SHA-256) and writes the entry to the catalog.
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Load a backbone once, measure it and add it to the zoo catalog (created if missing). Measured: "
                + "parameter count, feature dimension (forward pass), weights SHA-256, and GMACs for builtin: "
                + "architectures (TorchScript layers are opaque: give --gmacs, or use the export script).")
final class ZooAddCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    @Mixin
    DeviceOption device;

    @Option(names = "--zoo", required = true, paramLabel = "FILE", description = "Zoo catalog (.csv or .json).")
    Path zoo;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "Backbone id (letters, digits, . _ + -).")
    String id;

    @Option(names = "--weights", required = true, paramLabel = "FILE|djl://URL|builtin:NAME",
            description = "TorchScript file, DJL model-zoo URL, or builtin:resnet18|34|50|101|152[?seed=N].")
    String weights;

    @Option(names = "--arch", paramLabel = "FAMILY", description = "Architecture family (resnet, vit, ...).")
    String arch;

    @Option(names = "--pretrain", paramLabel = "DATASET", description = "Pre-training dataset (imagenet, ...).")
    String pretrain;

    @Option(names = "--crop", paramLabel = "PIXELS", description = "Input size (centre crop). Default: " + BackboneDraft.DEFAULT_CROP + ".")
    Integer crop;

    @Option(names = "--resize", paramLabel = "PIXELS", description = "Shorter side before the crop. Default: crop / 0.875.")
    Integer resize;

    @Option(names = "--mean", split = ",", paramLabel = "R,G,B", hideParamSyntax = true, description = "Per-channel mean, R,G,B. Default: ImageNet.")
    double[] mean;

    @Option(names = "--std", split = ",", paramLabel = "R,G,B", hideParamSyntax = true, description = "Per-channel std, R,G,B. Default: ImageNet.")
    double[] std;

    @Option(names = "--channels", paramLabel = "RGB|BGR", description = "RGB or BGR. Default: ImageNet (RGB).")
    String channels;

    @Option(names = "--gmacs", paramLabel = "G", description = "GMACs per image, for models whose layers cannot be counted (TorchScript).")
    Double gmacs;

    @Option(names = "--replace", description = "Replace an entry with the same id (keeps its --arch/--pretrain unless given).")
    boolean replace;

    @Option(names = "--online", description = "Allow a djl:// URL to download its weights.")
    boolean online;

    @Option(names = "--source-images", paramLabel = "DIR|CSV",
            description = "A sample of the backbone's pre-training images: the statistics of its features on at most "
                    + SourceStatistics.DEFAULT_PER_CLASS + " per class are stored with the catalog (as zoo source does),"
                    + " for the domain_distance of later targets.")
    Path sourceImages;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BackboneCatalog catalog = BackboneCatalog.loadOrCreate(zoo);
        if (replace && catalog.contains(id)) {
            // Descriptive fields not given again are kept from the entry being replaced.
            Backbone old = catalog.get(id);
            arch = arch == null ? old.archFamily() : arch;
            pretrain = pretrain == null ? old.pretrainDataset() : pretrain;
        }
        // Every value is checked, by the rules the reader applies, before the (slow) load and before writing.
        checkWeightsFile(weights);
        Backbone draft = catalog.entry(BackboneDraft.of(id, storedWeights(weights, zoo)).archFamily(arch)
                .pretrainDataset(pretrain).resize(resize).crop(crop).mean(mean).std(std).channels(channels).gmacs(gmacs));
        catalog.with(draft, replace);
        Device device = PyTorchRuntime.resolve(GlobalOptions.of(spec).device(), spec.commandLine().getErr()::println);
        ModelMeasurement m = ModelMeasurement.measure(catalog.resolved(draft), device, online);
        Double g = m.gmacs() != null ? m.gmacs() : draft.gmacs();
        // A replaced entry keeps its source statistics only when the weights are the same file.
        String keptStats = replace && catalog.contains(id) && m.sha256() != null
                && m.sha256().equals(catalog.get(id).sha256()) ? catalog.get(id).sourceStats() : null;
        Backbone entry = new Backbone(draft.id(), draft.archFamily(), draft.pretrainDataset(), draft.preprocessing(),
                m.featureDim(), g, m.parameters() / 1e6, draft.weights(), m.sha256(), keptStats);
        // Re-read under the catalog's lock, so that entries other writers added meanwhile are kept.
        BackboneCatalog.update(zoo, c -> c.with(entry, replace), spec.commandLine().getErr()::println);
        out.printf(Locale.ROOT, "added %s to %s: %d-d features, %.4f M parameters, GMACs %s%s%n", entry.id(), zoo,
                m.featureDim(), m.parameters() / 1e6, g == null ? "unknown (give --gmacs)" : String.format(Locale.ROOT, "%.4f", g),
                m.sha256() == null ? "" : ", sha256 " + m.sha256());
        if (sourceImages != null) {
            PrintWriter err = spec.commandLine().getErr();
            SourceStatistics.record(new ZooFeatures(zoo, sourceImages, List.of(entry.id()), SourceStatistics.DEFAULT_PER_CLASS,
                    0, ZooFeatures.defaultCacheDir(sourceImages)), ExtractionOptions.defaults().withDevice(device)
                    .withOnline(online), GlobalOptions.of(spec).overlap(), ProgressReporter.forConsole(spec), err::println)
                    .forEach(out::println);
        }
        out.flush();
        return 0;
    }

    /**
     * A weights file is stored relative to the catalog's folder when it lies inside it, else absolute; a
     * blank or invalid path is kept as given, for the catalog's rules to report.
     */
    /** A weights file that is a folder, a device or missing is a usage error naming what it is, before any work. */
    static void checkWeightsFile(String weights) {
        if (WeightsKind.of(weights) != WeightsKind.FILE || weights.isBlank()) {
            return;
        }
        try {
            String problem = dev.modelscout.core.WeightsKind.fileProblem(Path.of(weights.trim()));
            if (problem != null) {
                throw new dev.modelscout.core.InvalidOptionException("--weights " + weights + ": " + problem);
            }
        } catch (InvalidPathException e) {
            // left to the catalog's rules, which name the field
        }
    }

    static String storedWeights(String weights, Path catalog) {
        if (WeightsKind.of(weights) != WeightsKind.FILE || weights.isBlank()) {
            return weights;
        }
        Path file;
        try {
            file = Path.of(weights.trim()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return weights;
        }
        Path base = catalog.toAbsolutePath().normalize().getParent();
        return file.startsWith(base) ? base.relativize(file).toString() : file.toString();
    }
}
