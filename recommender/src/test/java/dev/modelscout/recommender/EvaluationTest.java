package dev.modelscout.recommender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.recommender.evaluation.DatasetScore;
import dev.modelscout.recommender.evaluation.Options;
import dev.modelscout.recommender.evaluation.Protocol;
import dev.modelscout.recommender.evaluation.Result;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The protocols on a synthetic history with a planted signal (12 datasets, 60 models, about 10% of the pairs
 * missing): which fits they make, what they score, and the settings the history cannot satisfy, refused before
 * any fit.
 */
class EvaluationTest {

    private static final FieldSpec DM = FieldSpec.defaults().select(FieldSpec.DEFAULT_FEATURES);
    private static final TrainingHistory H = Synthetic.plantedSignal(11);

    /** Fails the test when anything is trained. */
    private static final Trainer NEVER = new Trainer() {
        @Override
        public Recommender train(TrainingHistory history, FieldSpec features) {
            throw new AssertionError("trained although the settings were to be refused");
        }

        @Override
        public String name() {
            return "never";
        }
    };

    private static Result evaluate(Options o) {
        return Evaluation.evaluate(H, Recommenders.trainer("popularity"), DM, o);
    }

    private static String refused(TrainingHistory h, Options o) {
        return assertThrows(InvalidOptionException.class, () -> Evaluation.evaluate(h, NEVER, DM, o)).getMessage();
    }

    private static Options defaults(Protocol.Kind k) {
        return Options.defaults(k);
    }

    @Test
    void leaveOneDatasetOutFitsOncePerTestDatasetAndScoresAllItsJobs() {
        Result r = evaluate(defaults(Protocol.Kind.LEAVE_ONE_DATASET_OUT).withTestDatasets(List.of("ds3", "ds1")));
        assertEquals(2, r.timing().fits());
        assertEquals(List.of("ds3", "ds1"), r.perDataset().stream().map(DatasetScore::dataset).toList());
        assertEquals(H.byDataset().get("ds3").size(), r.perDataset().get(0).n());
        assertNull(r.perDataset().get(0).split());
        assertEquals("leave-one-dataset-out", r.protocol());
        assertEquals(DatasetScore.mean(r.perDataset()), r.metrics());
    }

    @Test
    void unseenModelsHoldsOutTheRoundedFractionOfTheModelsInEachSplit() {
        Result r = evaluate(defaults(Protocol.Kind.UNSEEN_MODELS).withSplits(3, 0.1, 7));
        assertEquals(3, r.timing().fits());
        assertEquals(Set.of(0, 1, 2), r.perDataset().stream().map(DatasetScore::split).collect(Collectors.toSet()));
        // 6 of the 60 models held out: no dataset scores more than 6 jobs, and each scores 2 or more
        assertTrue(r.perDataset().stream().allMatch(d -> d.n() >= 2 && d.n() <= 6), r.perDataset().toString());
    }

    @Test
    void trainTestTestsEveryDatasetNotTrainedOnByDefault() {
        Result r = evaluate(defaults(Protocol.Kind.TRAIN_TEST).withTrainDatasets(List.of("ds0", "ds1", "ds2")));
        assertEquals(1, r.timing().fits());
        assertEquals(List.of("ds10", "ds11", "ds3", "ds4", "ds5", "ds6", "ds7", "ds8", "ds9"),
                r.perDataset().stream().map(DatasetScore::dataset).toList());
    }

    @Test
    void learningCurveReportsItsLargestFractionEvenBelowOne() {
        Result r = evaluate(defaults(Protocol.Kind.LEARNING_CURVE).withTestDatasets(List.of("ds0", "ds5"))
                .withCurve(List.of(0.2, 0.5), 2));
        assertEquals(8, r.timing().fits(), "2 fractions x 2 subsamples x 2 test datasets");
        assertEquals(2, r.curve().size());
        assertEquals(r.curve().get(1).metrics(), r.metrics());
        assertEquals(4, r.perDataset().size(), "the folds of the largest fraction");
        assertFalse(Double.isNaN(r.std().pearson()), r.std().toString());
        double rows = List.of("ds0", "ds5").stream()
                .mapToLong(d -> Math.round(0.2 * (H.size() - H.byDataset().get(d).size()))).average().orElseThrow();
        assertEquals(rows, r.curve().get(0).trainRows(), 1e-9);
    }

    @Test
    void learningCurveAtTheFullFractionFitsOncePerTestDataset() {
        Result r = evaluate(defaults(Protocol.Kind.LEARNING_CURVE).withTestDatasets(List.of("ds0", "ds5"))
                .withCurve(List.of(0.5, 1.0), 3));
        assertEquals(2 * 3 + 2, r.timing().fits());
        assertTrue(r.perDataset().stream().allMatch(d -> d.split() == 0));
    }

    @Test
    void refusesTestOrTrainDatasetsTheHistoryLacksBeforeAnyFit() {
        for (Protocol.Kind k : Protocol.Kind.values()) {
            String m = refused(H, defaults(k).withTestDatasets(List.of("ds1", "dtd")));
            assertTrue(m.startsWith("--test-datasets ds1,dtd: dtd is not a dataset of synthetic (allowed: ds0, ds1, "), m);
            assertTrue(m.endsWith(", ... (12 datasets))"), m);
        }
        String m = refused(H, defaults(Protocol.Kind.TRAIN_TEST).withTrainDatasets(List.of("cifar")));
        assertTrue(m.startsWith("--train-datasets cifar: cifar is not a dataset of synthetic"), m);
    }

    @Test
    void refusesATestFractionThatHoldsOutFewerThanTwoModelsOrAll() {
        String allowed = " (allowed: at least 0.025 and below 0.991, holding out 2 to 59 models)";
        assertEquals("--test-fraction 0.02: holds out 1 of the 60 models of synthetic" + allowed,
                refused(H, defaults(Protocol.Kind.UNSEEN_MODELS).withSplits(3, 0.02, 0)));
        assertEquals("--test-fraction 0.995: holds out 60 of the 60 models of synthetic" + allowed,
                refused(H, defaults(Protocol.Kind.UNSEEN_MODELS).withSplits(3, 0.995, 0)));
    }

    @Test
    void refusesASplitThatWouldScoreNothing() {
        // one test dataset of 3 jobs: 2 of the 60 models held out rarely hit 2 of them
        TrainingHistory thin = H.filter(j -> !j.dataset().equals("ds0") || Set.of("model1", "model2", "model3")
                .contains(j.model()));
        String m = refused(thin, defaults(Protocol.Kind.UNSEEN_MODELS).withTestDatasets(List.of("ds0"))
                .withSplits(10, 0.04, 0));
        assertTrue(m.startsWith("--test-fraction 0.04: split ") && m.contains("would score nothing"), m);
    }

    @Test
    void refusesHistoriesTooSmallForTheProtocol() {
        TrainingHistory one = H.filter(j -> j.dataset().equals("ds0"));
        assertEquals("--protocol leave-one-dataset-out: synthetic has 1 dataset (allowed: a history with 2 or more "
                + "datasets, or --protocol unseen-models)", refused(one, defaults(Protocol.Kind.LEAVE_ONE_DATASET_OUT)));
        TrainingHistory four = H.filter(j -> Set.of("model1", "model2", "model3", "model4").contains(j.model()));
        assertEquals("--protocol unseen-models: synthetic has 4 models (allowed: a history with 5 or more models)",
                refused(four, defaults(Protocol.Kind.UNSEEN_MODELS)));
    }

    @Test
    void refusesTrainTestListsThatLeaveNothingToTrainOrTest() {
        assertTrue(refused(H, defaults(Protocol.Kind.TRAIN_TEST)).startsWith(
                "--protocol train-test: names neither test nor train datasets"));
        assertTrue(refused(H, defaults(Protocol.Kind.TRAIN_TEST).withTestDatasets(List.of("ds1"))
                .withTrainDatasets(List.of("ds2", "ds1"))).startsWith("--train-datasets ds2,ds1: ds1 is also in --test-datasets"));
        assertTrue(refused(H, defaults(Protocol.Kind.TRAIN_TEST).withTrainDatasets(H.datasets()))
                .contains("none is left to test"));
        assertTrue(refused(H, defaults(Protocol.Kind.TRAIN_TEST).withTestDatasets(H.datasets()))
                .contains("none is left to train on"));
    }

    @Test
    void refusesALearningCurveFractionThatKeepsNoTrainingJob() {
        String m = refused(H, defaults(Protocol.Kind.LEARNING_CURVE).withCurve(List.of(0.0001, 1.0), 1));
        assertTrue(m.startsWith("--fractions 0.0001,1: 0.0001 keeps none of the ") && m.contains("(allowed: fractions of at least 0.00"), m);
    }
}
