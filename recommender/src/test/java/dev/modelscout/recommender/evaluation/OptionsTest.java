package dev.modelscout.recommender.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.InvalidOptionException;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Settings out of their range are refused when the options are made, with a one-line message naming the option. */
class OptionsTest {

    private static final Options LODO = Options.defaults(Protocol.Kind.LEAVE_ONE_DATASET_OUT);

    private static void refused(String expected, Supplier<Options> make) {
        InvalidOptionException e = assertThrows(InvalidOptionException.class, make::get);
        assertEquals(expected, e.getMessage());
    }

    @Test
    void defaultsAreAccepted() {
        for (Protocol.Kind k : Protocol.Kind.values()) {
            assertEquals(k, Options.defaults(k).protocol());
        }
    }

    @Test
    void refusesFractionsOutsideTheUnitIntervalOrNotIncreasing() {
        String allowed = " (allowed: increasing fractions above 0 and at most 1, such as 0.1,0.2,0.3,0.5,0.7,1)";
        refused("--fractions 0.5,2: 2 is out of range" + allowed, () -> LODO.withCurve(List.of(0.5, 2.0), 3));
        refused("--fractions 0,0.5: 0 is out of range" + allowed, () -> LODO.withCurve(List.of(0.0, 0.5), 3));
        refused("--fractions -0.1: -0.1 is out of range" + allowed, () -> LODO.withCurve(List.of(-0.1), 3));
        refused("--fractions NaN: NaN is out of range" + allowed, () -> LODO.withCurve(List.of(Double.NaN), 3));
        refused("--fractions 0.5,0.5: 0.5 does not increase" + allowed, () -> LODO.withCurve(List.of(0.5, 0.5), 3));
        refused("--fractions 1,0.5: 0.5 does not increase" + allowed, () -> LODO.withCurve(List.of(1.0, 0.5), 3));
        refused("--fractions '': none given" + allowed, () -> LODO.withCurve(List.of(), 3));
    }

    @Test
    void refusesCountsBelowOne() {
        refused("--top-k 0: out of range (allowed: an integer >= 1)", () -> LODO.withTopK(0));
        refused("--splits 0: out of range (allowed: an integer >= 1)", () -> LODO.withSplits(0, 0.2, 0));
        refused("--repeats -1: out of range (allowed: an integer >= 1)", () -> LODO.withCurve(List.of(1.0), -1));
    }

    @Test
    void refusesATestFractionOutsideTheOpenUnitInterval() {
        for (double f : new double[] {0, 1, -0.2, 1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> LODO.withSplits(10, f, 0));
            assertTrue(e.getMessage().startsWith("--test-fraction ") && e.getMessage()
                    .endsWith(": out of range (allowed: a number above 0 and below 1)"), e.getMessage());
        }
    }

    @Test
    void refusesADatasetNamedTwiceOrAnEmptyName() {
        refused("--test-datasets dtd,dtd: dtd is named twice (allowed: distinct dataset names)",
                () -> LODO.withTestDatasets(List.of("dtd", "dtd")));
        refused("--train-datasets a,: an empty name (allowed: distinct dataset names)",
                () -> LODO.withTrainDatasets(List.of("a", "")));
    }

    @Test
    void refusesAnUnknownProtocolAndReadsTheKnownOnesByIdOrName() {
        refused("--protocol k-fold: unknown protocol (allowed: unseen-models, leave-one-dataset-out, train-test, "
                + "learning-curve, active)", () -> Options.defaults(Protocol.Kind.parse("k-fold")));
        for (Protocol.Kind k : Protocol.Kind.values()) {
            assertEquals(k, Protocol.Kind.parse(" " + k.id().toUpperCase(java.util.Locale.ROOT)));
            assertEquals(k, Protocol.Kind.parse(k.name()));
        }
    }
}
