package dev.modelscout.cli;

import dev.modelscout.core.Backbone;
import dev.modelscout.workflow.EmbeddedWorld;
import dev.modelscout.zoo.BackboneCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
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

    @Mixin
    TableOptions table;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        table.format();
        BackboneCatalog catalog = BackboneCatalog.load(zoo != null ? zoo : EmbeddedWorld.locate().zoo());
        // The weights' location is the longest and least read cell: the first to go on a narrow terminal.
        Table t = Table.of(Table.text("id", Table.KEEP), Table.text("arch", 60), Table.text("pretrain", 70),
                Table.integer("input", 40), Table.integer("dim", 30), Table.number("gmacs", 50),
                Table.millions("params_m", 65).header("params"), Table.text("weights", 10));
        for (Backbone b : catalog.backbones()) {
            t.row(b.id(), b.archFamily(), b.pretrainDataset(), b.inputSize(), b.featureDim() == 0 ? null : b.featureDim(),
                    b.gmacs(), b.paramsM(), b.weights());
        }
        table.print(t, out, spec.commandLine().getErr());
        return 0;
    }
}
