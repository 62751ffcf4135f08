package dev.modelscout.cli;

import dev.modelscout.core.Npy;
import dev.modelscout.scoring.ScoreBenchmark;
import dev.modelscout.scoring.ScoringBackend;
import dev.modelscout.scoring.Scores;
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

/** {@code modelscout bench scores}: times LogME, PARC and LFC at the sizes of issue 3 on seeded inputs. */
@Command(name = "scores", mixinStandardHelpOptions = true,
        description = "Time the transferability scores on seeded synthetic inputs (best of --repeat runs, in process): "
                + "LogME/PARC/LFC at N=5000 D=1024 C=100, LogME at N=10000 D=2048, PARC at N=20000 D=2048 (give "
                + "PARC at N=20000 a 4 GB heap: MODELSCOUT_JAVA_OPTS=-Xmx4g). --write-inputs saves the same inputs "
                + "as .npy for src/bench/scores/reference.py.")
final class BenchScoresCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    @Mixin
    ScoringDeviceOption scoringDevice;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed of the synthetic inputs. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3",
            description = "Runs per score, >= 1; the best is reported. Default: ${DEFAULT-VALUE}.")
    int repeat;

    @Option(names = "--case", paramLabel = "NAME", split = ",",
            description = "Only these cases: N5000_D1024_C100, N10000_D2048_C100, N20000_D2048_C100. Default: all.")
    List<String> cases;

    @Option(names = "--write-inputs", paramLabel = "DIR",
            description = "Write each case's inputs to DIR/<case>/{features,labels}.npy (float32, int64) and time nothing.")
    Path writeInputs;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        OptionRanges.atLeast("--repeat", repeat, 1, "an integer >= 1");
        List<ScoreBenchmark.Case> all = ScoreBenchmark.standardCases();
        List<String> known = all.stream().map(ScoreBenchmark.Case::name).toList();
        for (String c : cases == null ? List.<String>of() : cases) {
            if (!known.contains(c)) {
                throw OptionRanges.invalid("--case", String.join(",", cases), "no case named '" + c + "'",
                        String.join(", ", known));
            }
        }
        List<ScoreBenchmark.Case> chosen = new ArrayList<>();
        for (ScoreBenchmark.Case c : all) {
            if (cases == null || cases.contains(c.name())) {
                chosen.add(c);
            }
        }
        if (writeInputs == null) {
            GlobalOptions.of(spec).noteDeviceUnused(spec, "bench scores runs on the ND4J back end of this build "
                    + "(see doctor), not on a PyTorch device");
        }
        if (writeInputs != null) {
            OutputPaths.requireFolder(writeInputs, "--write-inputs");
            for (ScoreBenchmark.Case c : chosen) {
                ScoreBenchmark.Input in = ScoreBenchmark.synthesize(c.n(), c.d(), c.c(), seed);
                Path dir = writeInputs.resolve(c.name());
                try {
                    java.nio.file.Files.createDirectories(dir); // a case folder of the one named by the option
                } catch (java.io.IOException e) {
                    throw new dev.modelscout.core.ModelScoutException(dir + ": cannot create: "
                            + dev.modelscout.core.IoErrors.reason(e), e);
                }
                Npy.write(dir.resolve("features.npy"), in.features(), true);
                Npy.write(dir.resolve("labels.npy"), in.labels().ids());
                Wrote.say(err, dir);
            }
            out.flush();
            return 0;
        }
        out.println("backend: " + ScoringBackend.kind() + ", " + Runtime.getRuntime().availableProcessors()
                + " processors, max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
        Table table = Table.of("case", "score", "value", "best seconds");
        for (ScoreBenchmark.Case c : chosen) {
            for (ScoreBenchmark.Timing t : ScoreBenchmark.run(c, seed, repeat, Scores.Options.defaults(),
                    line -> {
                        err.println(line);
                        err.flush();
                    })) {
                table.add(List.of(t.caseName(), t.score(), String.format(Locale.ROOT, "%.6f", t.value()),
                        String.format(Locale.ROOT, "%.3f", t.seconds())));
            }
        }
        table.print(out);
        out.flush();
        return 0;
    }
}
