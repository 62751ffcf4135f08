package dev.modelscout.cli;

import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.scoring.Scores;
import dev.modelscout.scoring.ScoringException;
import dev.modelscout.scoring.TransferabilityScore;
import java.util.List;

/** A {@code --scores} value read with the score registry's parser, a bad one reported as a usage error. */
final class ScoreNames {

    private ScoreNames() {
    }

    /**
     * The names of the feature-only scores {@code value} names ({@code all}, names separated by commas, or
     * {@code none}).
     *
     * @throws InvalidOptionException naming the option, the value and what is wrong
     */
    static List<String> optional(String option, String value) {
        return scores(option, value).stream().map(TransferabilityScore::name).toList();
    }

    /** As {@link #optional}, the scores themselves (with the default settings). */
    static List<TransferabilityScore> scores(String option, String value) {
        try {
            return Scores.parseOptional(value, Scores.Options.defaults(), false);
        } catch (ScoringException e) {
            throw new InvalidOptionException(option + " " + value + ": " + e.getMessage());
        }
    }
}
