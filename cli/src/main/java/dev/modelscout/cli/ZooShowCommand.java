package dev.modelscout.cli;

import dev.modelscout.core.Backbone;
import dev.modelscout.core.Preprocessing;
import dev.modelscout.core.WeightsKind;
import dev.modelscout.workflow.EmbeddedWorld;
import dev.modelscout.zoo.BackboneCatalog;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code modelscout zoo show ID}: every field of one backbone. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show every field of one backbone.")
final class ZooShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    @Option(names = "--zoo", paramLabel = "FILE", description = "Zoo catalog (.csv or .json). Default: the embedded world's zoo.")
    Path zoo;

    @Parameters(index = "0", paramLabel = "ID", description = "Backbone id.")
    String id;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BackboneCatalog catalog = BackboneCatalog.load(zoo != null ? zoo : EmbeddedWorld.locate().zoo());
        Backbone b = catalog.get(id);
        Backbone r = catalog.resolved(b);
        Preprocessing p = b.preprocessing();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("id", b.id()));
        rows.add(List.of("arch_family", Table.orDash(b.archFamily())));
        rows.add(List.of("pretrain_dataset", Table.orDash(b.pretrainDataset())));
        rows.add(List.of("preprocessing", "resize " + p.resize() + ", centre crop " + p.crop() + ", mean "
                + Arrays.toString(p.mean()) + ", std " + Arrays.toString(p.std()) + ", " + p.channels()));
        rows.add(List.of("feature_dim", b.featureDim() == 0 ? "- (not measured)" : Integer.toString(b.featureDim())));
        rows.add(List.of("gmacs", Table.num(b.gmacs())));
        rows.add(List.of("params_m", Table.num(b.paramsM())));
        String where = switch (WeightsKind.of(b.weights())) {
            case FILE -> r.weights() + (Files.isRegularFile(Path.of(r.weights())) ? "" : "  (MISSING)");
            case DJL_URL -> b.weights() + "  (DJL model zoo; needs --online)";
            case BUILTIN -> b.weights() + "  (built in DJL, seeded random weights)";
        };
        rows.add(List.of("weights", where));
        rows.add(List.of("sha256", Table.orDash(b.sha256())));
        Table.of("field", "value").addAll(rows).print(out);
        out.flush();
        return 0;
    }
}
