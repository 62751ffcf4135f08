package dev.modelscout.recommender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationTest {

    /** Residuals of known Gaussian noise (sd 0.05) with a per-dataset offset (sd 0.03) on 30 datasets x 40 models. */
    private static LodoResiduals knownNoise(long seed, int datasets) {
        Random r = new Random(seed);
        List<LodoResiduals.Residual> out = new ArrayList<>();
        for (int d = 0; d < datasets; d++) {
            double offset = 0.03 * r.nextGaussian();
            for (int m = 0; m < 40; m++) {
                double predicted = 0.5 + 0.1 * r.nextGaussian();
                out.add(new LodoResiduals.Residual("d" + seed + "_" + d, "m" + m, predicted,
                        predicted + offset + 0.05 * r.nextGaussian()));
            }
        }
        return new LodoResiduals(out);
    }

    @Test
    void intervalsCoverTheirNominalLevelOnNewDatasetsWithKnownNoise() {
        Calibration cal = Calibration.of(knownNoise(1, 30));
        LodoResiduals fresh = knownNoise(2, 200);
        double sd = Math.sqrt(0.05 * 0.05 + 0.03 * 0.03);
        for (double level : Calibration.LEVELS) {
            int covered = 0;
            for (LodoResiduals.Residual r : fresh.residuals()) {
                covered += cal.interval(r.predicted(), level, false).covers(r.actual()) ? 1 : 0;
            }
            double coverage = covered / (double) fresh.residuals().size();
            assertEquals(level, coverage, 0.05, "coverage of the " + level + " interval");
            double z = level == 0.8 ? 1.2816 : 1.6449;
            assertEquals(z * sd, cal.band(level).halfWidth(), 0.15 * z * sd, "half-width of the " + level + " interval");
        }
    }

    @Test
    void intervalsStayWithinZeroAndOneAndOutOfDomainOnesAreWider() {
        Calibration cal = Calibration.of(knownNoise(3, 20));
        Calibration.Interval low = cal.interval(-0.15, 0.9, false);
        assertEquals(0, low.predicted());
        assertEquals(0, low.low());
        assertTrue(low.high() >= 0 && low.high() <= 1);
        Calibration.Interval in = cal.interval(0.5, 0.9, false);
        Calibration.Interval out = cal.interval(0.5, 0.9, true);
        assertTrue(out.low() <= in.low() && out.high() >= in.high());
        assertTrue(out.width() > in.width(), "widened: " + out + " vs " + in);
    }

    @Test
    void savedRecommenderKeepsItsIntervalsAndOldFilesStillLoad(@TempDir Path dir) throws Exception {
        TrainingHistory h = Synthetic.plantedSignal(5);
        FieldSpec spec = FieldSpec.defaults().select(FieldSpec.parseFeatures("d,m"));
        Trainer t = new LinearRegression(LinearRegression.Config.defaults());
        Recommender r = t.train(h, spec);
        Calibration cal = Calibration.of(LodoResiduals.of(h, t, spec, r));
        assertNotNull(cal);
        assertEquals(h.datasets().size(), cal.datasets());
        Path file = dir.resolve("m.json");
        Recommenders.save(r, cal, file);
        Recommenders.SavedRecommender back = Recommenders.loadSaved(file);
        assertEquals(cal, back.calibration());
        Path old = dir.resolve("old.json");
        Recommenders.save(r, old);
        assertTrue(!Files.readString(old).contains("calibration"));
        assertEquals(null, Recommenders.loadSaved(old).calibration());
    }
}
