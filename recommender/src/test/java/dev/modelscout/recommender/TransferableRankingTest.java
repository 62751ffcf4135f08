package dev.modelscout.recommender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransferableRankingTest {

    private static Prediction candidate(int rank, String model, double predicted, String logme, String hscore) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("dataset", "t");
        c.put("model", model);
        c.put("score_logme", logme);
        c.put("score_reg_hscore", hscore);
        return new Prediction("t", model, rank, predicted, Double.NaN, new Job("rows", rank + 1, "t", model, Double.NaN, c));
    }

    @Test
    void ranksByTheMeanWithinTargetRankOfTheScoresAMissingScoreLowest() {
        List<Prediction> byModel = new ArrayList<>(List.of(
                candidate(1, "a", -0.10, "0.1", "1"),
                candidate(2, "b", -0.15, "0.9", "3"),
                candidate(3, "c", -0.20, "0.5", ""),
                candidate(4, "d", -0.30, "0.7", "2")));
        List<String> cols = TransferableRanking.scoreColumns(List.of("model", "score_logme", "score_reg_hscore",
                "score_parc"), byModel);
        assertEquals(List.of("score_logme", "score_reg_hscore"), cols, "only score columns some candidate has");
        List<Prediction> r = TransferableRanking.rerank(byModel, cols);
        // mean rank in [0,1]: a (0+1/3)/2, b (1+1)/2, c (1/3+0)/2, d (2/3+2/3)/2
        assertEquals(List.of("b", "d", "a", "c"), r.stream().map(Prediction::model).toList());
        assertEquals(List.of(1, 2, 3, 4), r.stream().map(Prediction::rank).toList());
        assertEquals(-0.15, r.get(0).predicted(), "the predictions are kept");
    }
}
