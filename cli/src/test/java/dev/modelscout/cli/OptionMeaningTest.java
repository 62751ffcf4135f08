package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelscout.workflow.recommend.RecommenderDefaults;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * One meaning per option: the seeds are named for what they seed (the old --seed still works, with a note), and
 * every command that trains a recommender has the same default --features, the one the shipped recommender uses.
 */
class OptionMeaningTest {

    @TempDir
    Path dir;

    @Test
    void trainEvaluateAndRecommendShareTheShippedRecommendersFeatures() throws Exception {
        assertEquals(RecommenderDefaults.FEATURES, defaultOf("train", "--features"));
        assertEquals(RecommenderDefaults.FEATURES, defaultOf("evaluate", "--features"));
        assertEquals(RecommenderDefaults.FEATURES, defaultOf("recommend", "--features"));
        assertEquals(RecommenderDefaults.FEATURES, defaultOf("select", "--features"));
        // The shipped recommender was trained with exactly these features (src/world/make-history.sh).
        Path shipped = Path.of(System.getProperty("user.dir")).getParent().resolve("src/world/recommender.json");
        JsonNode prov = new ObjectMapper().readTree(shipped.toFile()).path("recommender").path("provenance");
        java.util.List<String> selected = dev.modelscout.recommender.FieldSpec.defaults()
                .select(RecommenderDefaults.featureTokens()).labels();
        assertTrue(prov.path("features").size() > 9, "the shipped recommender reads scores: " + prov);
        for (JsonNode f : prov.path("features")) {
            assertTrue(selected.contains(f.asText()), f + " is not in the default features " + selected);
        }
    }

    @Test
    void trainSaysWhichFeaturesItRead() throws Exception {
        Path h = SyntheticHistory.write(dir);
        CliTest r = CliTest.run("train", "--history", h.toString(), "--recommender", "lr", "--out",
                dir.resolve("m.json").toString()).expectExit(0);
        r.expectErr("features (--features d,m,s): dataset, dataset_size, num_classes, model, arch_family");
        CliTest e = CliTest.run("evaluate", "--history", h.toString(), "--recommender", "lr", "--features", "m")
                .expectExit(0);
        e.expectOut("features model,arch_family,pretrain_dataset,input_size,gmacs,params_m");
    }

    @Test
    void fmSeedSeedsTheFactorizationMachineAndTheOldNameStillWorksWithANote() throws Exception {
        Path h = SyntheticHistory.write(dir);
        Path m1 = dir.resolve("new.json");
        CliTest now = CliTest.run("train", "--history", h.toString(), "--recommender", "fm", "--fm-seed", "7",
                "--features", "d,m", "--out", m1.toString()).expectExit(0);
        assertFalse(now.err().contains("deprecated"), now.err());
        Path m2 = dir.resolve("old.json");
        CliTest old = CliTest.run("train", "--history", h.toString(), "--recommender", "fm", "--seed", "7",
                "--features", "d,m", "--out", m2.toString()).expectExit(0);
        old.expectErr("note: --seed is deprecated; here it means --fm-seed (the FM's initialisation seed); write --fm-seed instead");
        assertEquals(seedOf(m1), 7);
        assertEquals(seedOf(m2), 7);
        CliTest help = CliTest.run("train", "--help");
        assertTrue(help.out().contains("--fm-seed"), help.out());
        assertFalse(help.out().contains("--seed"), "a deprecated name is hidden from the help:\n" + help.out());
    }

    @Test
    void finetuneSeedIsNamedForTheRunAndSampleSeedForTheSubsample() {
        FineTuneCommand ft = parsed("finetune", "--model", "m", "--images", "x", "--finetune-seed", "5");
        assertEquals(5, ft.fineTuning.seed);
        FineTuneCommand old = parsed("finetune", "--model", "m", "--images", "x", "--seed", "6");
        assertEquals(6, old.fineTuning.seed);
        ExtractCommand ex = parsed("extract", "--images", "x", "--out", "y", "--sample-seed", "8");
        assertEquals(8, ex.source.seed);
        CliTest r = CliTest.run("extract", "--images", dir.resolve("absent").toString(), "--zoo",
                dir.resolve("absent.csv").toString(), "--out", dir.resolve("o").toString(), "--seed", "3");
        r.expectErr("note: --seed is deprecated; here it means --sample-seed (the seed of the --per-class subsample)");
        CliTest ftOld = CliTest.run("finetune", "--model", "m", "--images", dir.toString(), "--seed", "1", "--epochs", "0");
        ftOld.expectExit(2).expectErr("here it means --finetune-seed");
    }

    private static long seedOf(Path model) throws Exception {
        return new ObjectMapper().readTree(model.toFile()).path("recommender").path("provenance").path("seed").asLong();
    }

    @SuppressWarnings("unchecked")
    private static <T> T parsed(String... args) {
        CommandLine cl = Main.commandLine();
        CommandLine.ParseResult pr = cl.parseArgs(args);
        return (T) pr.subcommand().commandSpec().userObject();
    }

    private static String defaultOf(String command, String option) {
        return Main.commandLine().getSubcommands().get(command).getCommandSpec().findOption(option).defaultValue();
    }

}
