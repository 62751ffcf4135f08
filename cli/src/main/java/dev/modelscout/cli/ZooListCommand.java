package dev.modelscout.cli;

import dev.modelscout.core.Backbone;
import dev.modelscout.workflow.EmbeddedWorld;
import dev.modelscout.zoo.BackboneCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code modelscout zoo list}: one line per backbone. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the backbones of a zoo catalog.")
final class ZooListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    @Option(names = "--zoo", paramLabel = "FILE", description = "Zoo catalog (.csv or .json). Default: the embedded world's zoo.")
    Path zoo;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BackboneCatalog catalog = BackboneCatalog.load(zoo != null ? zoo : EmbeddedWorld.locate().zoo());
        Table t = Table.of("id", "arch", "pretrain", "input", "dim", "gmacs", "params_m", "weights");
        for (Backbone b : catalog.backbones()) {
            t.add(List.of(b.id(), Table.orDash(b.archFamily()), Table.orDash(b.pretrainDataset()), Integer.toString(b.inputSize()),
                    b.featureDim() == 0 ? "-" : Integer.toString(b.featureDim()), Table.num(b.gmacs()),
                    Table.num(b.paramsM()), b.weights()));
        }
        t.print(out);
        out.flush();
        return 0;
    }
}
