package dev.modelscout.recommender;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelscout.recommender.evaluation.Options;
import dev.modelscout.recommender.evaluation.Protocol;
import dev.modelscout.recommender.evaluation.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Quality on the shared real histories (../shared/data/histories), with the documented default settings.
 * Skipped when the shared folder is absent. Thresholds: the targets where a default recommender reaches
 * them (TG: ridge; timm: FM; Model Spider: ridge); for the other recommender the measured level minus about
 * 0.01, as reported in docs/recommender.md (TG ridge Kendall is 0.419, asserted at 0.415). The ensemble (mean of
 * ridge and FM) meets the timm targets; on TG and Model Spider it is asserted at its measured level minus about 0.01
 * (it misses TG Kendall 0.42 and Model Spider 0.77 there).
 */
class RealHistoriesTest {

    private static final List<String> TG_TARGETS = List.of("stanfordcars", "svhn", "caltech101", "pets", "cifar100",
            "flowers", "smallnorb_label_elevation", "dtd");

    private static TrainingHistory history(String name) {
        Path dir = Path.of(System.getProperty("modelscout.shared", "../shared"), "data", "histories");
        Path file = dir.resolve(name);
        assumeTrue(Files.isRegularFile(file), "shared history absent: " + file);
        return HistoryReader.read(file, ReadOptions.defaults());
    }

    private static Summary run(TrainingHistory h, String trainer, String features, Options o) {
        return Evaluation.evaluate(h, Recommenders.trainer(trainer), FieldSpec.defaults().select(FieldSpec.parseFeatures(features)), o)
                .metrics();
    }

    @Test
    void transferGraphLeaveOneDatasetOutReachesTheTargets() {
        TrainingHistory h = history("transfergraph_image.csv");
        Options o = Options.defaults(Protocol.Kind.LEAVE_ONE_DATASET_OUT).withTestDatasets(TG_TARGETS);
        Summary pop = run(h, "popularity", "d,m", o);
        Summary lr = run(h, "lr", "d,m", o);
        Summary fm = run(h, "fm", "d,m", o);
        assertTrue(pop.pearson() < 0.76 && pop.kendall() < 0.33, "popularity " + pop);
        assertTrue(lr.pearson() >= 0.84 && lr.kendall() >= 0.415 && lr.regret() <= 0.02, "ridge " + lr);
        assertTrue(fm.pearson() >= 0.84 && fm.kendall() >= 0.385 && fm.regret() <= 0.021, "fm " + fm);
        Summary ens = run(h, "ensemble", "d,m", o);
        assertTrue(ens.pearson() >= 0.845 && ens.kendall() >= 0.395 && ens.regret() <= 0.021, "ensemble " + ens);
    }

    /**
     * auto (the default) on the TG targets: above popularity, but below the fixed recommenders on Kendall (measured
     * 0.837 / 0.361 / 0.019; see docs/recommender.md for why), asserted at that level minus about 0.01; on Model
     * Spider (d,m) level with popularity (weighted tau 0.766 vs 0.765).
     */
    @Test
    void autoOnTransferGraphAndModelSpiderIsAbovePopularity() {
        TrainingHistory tg = history("transfergraph_image.csv");
        Options o = Options.defaults(Protocol.Kind.LEAVE_ONE_DATASET_OUT).withTestDatasets(TG_TARGETS);
        Summary auto = run(tg, "auto", "d,m", o);
        Summary pop = run(tg, "popularity", "d,m", o);
        assertTrue(auto.pearson() >= 0.83 && auto.kendall() >= 0.35 && auto.regret() <= 0.021, "auto " + auto);
        assertTrue(auto.pearson() > pop.pearson() + 0.05 && auto.kendall() > pop.kendall(), "auto " + auto + " vs " + pop);
        TrainingHistory ms = history("modelspider_single.csv");
        Options lodo = Options.defaults(Protocol.Kind.LEAVE_ONE_DATASET_OUT);
        Summary msAuto = run(ms, "auto", "d,m", lodo);
        Summary msPop = run(ms, "popularity", "d,m", lodo);
        assertTrue(msAuto.weightedTauRankNone() >= msPop.weightedTauRankNone() - 0.01, "auto " + msAuto + " vs " + msPop);
    }

    @Test
    void timmUnseenModelsReachesTheTargets() {
        TrainingHistory h = history("timm_imagenet.csv");
        Options o = Options.defaults(Protocol.Kind.UNSEEN_MODELS);
        Summary fm = run(h, "fm", "d,m", o);
        assertTrue(fm.pearson() >= 0.90 && fm.kendall() >= 0.78, "fm " + fm);
        Summary pop = run(h, "popularity", "d,m", o);
        assertTrue(fm.kendall() > pop.kendall() + 0.2, "fm " + fm + " vs popularity " + pop);
        Summary ens = run(h, "ensemble", "d,m", o);
        assertTrue(ens.pearson() >= 0.90 && ens.kendall() >= 0.78, "ensemble " + ens);
    }

    @Test
    void modelSpiderLeaveOneDatasetOutWithLogMe() {
        TrainingHistory h = history("modelspider_single.csv");
        Options o = Options.defaults(Protocol.Kind.LEAVE_ONE_DATASET_OUT);
        Summary lr = run(h, "lr", "d,m,score_logme", o);
        Summary fm = run(h, "fm", "d,m,score_logme", o);
        assertTrue(lr.weightedTauRankNone() >= 0.77, "ridge d,m,logme " + lr);
        assertTrue(fm.weightedTauRankNone() >= 0.74, "fm d,m,logme " + fm);
        Summary ens = run(h, "ensemble", "d,m,score_logme", o);
        assertTrue(ens.weightedTauRankNone() >= 0.755, "ensemble d,m,logme " + ens);
    }
}
