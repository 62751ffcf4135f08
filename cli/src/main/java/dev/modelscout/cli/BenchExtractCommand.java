package dev.modelscout.cli;

import dev.modelscout.core.Backbone;
import dev.modelscout.engine.ExtractionBenchmark;
import dev.modelscout.engine.ExtractionBenchmark.Throughput;
import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.engine.ImageDataset;
import dev.modelscout.engine.PyTorchRuntime;
import dev.modelscout.workflow.EmbeddedWorld;
import dev.modelscout.zoo.BackboneCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modelscout bench extract}: forward-pass throughput of a zoo backbone on random input (compare
 * with src/bench/torch_throughput.py on the same file and thread count), and decode + preprocess
 * throughput alone on an image folder.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Forward-pass images/s of a backbone on random input, and decode+preprocess images/s on an image "
                + "folder. Compare with: /usr/bin/python3 src/bench/torch_throughput.py --model FILE --threads T")
final class BenchExtractCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    @Mixin
    DeviceOption device;

    @Option(names = "--zoo", paramLabel = "FILE", description = "Zoo catalog (.csv or .json). Default: the embedded world's zoo.")
    Path zoo;

    @Option(names = "--model", required = true, paramLabel = "ID", description = "Backbone to time.")
    String model;

    @Option(names = "--images", paramLabel = "DIR|CSV", description = "Also time decode+preprocess over these images.")
    Path images;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "32",
            description = "Images per forward pass, >= 1. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2",
            description = "Untimed batches, >= 0. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "10",
            description = "Timed batches, >= 1. Default: ${DEFAULT-VALUE}.")
    int batches;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "0",
            description = "PyTorch compute threads, >= 0 (0: one per core). Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
            description = "Decode threads for the decode timing, >= 1. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        OptionRanges.atLeast("--batch-size", batchSize, 1, "an integer >= 1");
        OptionRanges.atLeast("--warmup", warmup, 0, "an integer >= 0");
        OptionRanges.atLeast("--batches", batches, 1, "an integer >= 1");
        OptionRanges.atLeast("--threads", threads, 0, "an integer >= 0; 0 = one per core");
        OptionRanges.atLeast("--workers", workers, 1, "an integer >= 1");
        BackboneCatalog catalog = BackboneCatalog.load(zoo != null ? zoo : EmbeddedWorld.locate().zoo());
        Backbone b = catalog.resolved(catalog.get(model));
        List<Throughput> results = new ArrayList<>();
        if (images != null) {
            ImageDataset data = ImageDataset.open(images);
            data.note().ifPresent(n -> err.println("note: " + n));
            err.flush();
            results.add(ExtractionBenchmark.decode(data, b.preprocessing(), workers));
        }
        ExtractionOptions opts = ExtractionOptions.defaults()
                .withDevice(PyTorchRuntime.resolve(GlobalOptions.of(spec).device(), err::println))
                .withBatchSize(batchSize).withComputeThreads(threads);
        results.add(ExtractionBenchmark.forward(b, opts, warmup, batches));
        Table t = Table.of("what", "images", "seconds", "images/s");
        for (Throughput r : results) {
            t.add(List.of(r.what(), Integer.toString(r.images()), String.format(Locale.ROOT, "%.2f", r.seconds()),
                    String.format(Locale.ROOT, "%.1f", r.imagesPerSecond())));
        }
        t.print(out);
        out.printf("machine: %d cores (%s), Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch"), System.getProperty("java.version"));
        out.flush();
        return 0;
    }
}
