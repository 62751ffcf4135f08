package dev.modelscout.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one registry of scores: names, typed and text look-up, help; no natives needed. */
class ScoresTest {

    private static final Scores.Options OPTS = Scores.Options.defaults();

    private static List<String> names(List<TransferabilityScore> scores) {
        return scores.stream().map(TransferabilityScore::name).toList();
    }

    @Test
    void namesAreTheHistorySchemaOrderAndEachMakesTheScoreOfThatName() {
        assertEquals(List.of("logme", "parc", "lfc", "leep", "nce", "hscore", "reg_hscore", "transrate", "gbc"),
                Scores.NAMES);
        for (String n : Scores.NAMES) {
            assertEquals(n, Scores.create(n, OPTS).name());
        }
    }

    @Test
    void typedListGivesTheScoresAsParsingTheirNamesDoes() {
        List<String> chosen = List.of("parc", "logme", "gbc", "parc");
        assertEquals(List.of("parc", "logme", "gbc"), names(Scores.of(chosen, OPTS, false)));
        assertEquals(names(Scores.parse("parc,logme,gbc,parc", OPTS, false)), names(Scores.of(chosen, OPTS, false)));
        assertEquals(Scores.NAMES, names(Scores.of(Scores.NAMES, OPTS)));
        assertEquals(names(Scores.parse("all", OPTS, true)), names(Scores.of(Scores.NAMES, OPTS)));
        assertEquals(List.of(), Scores.of(List.of(), OPTS));
    }

    @Test
    void typedListPassesTheOptionsOn() {
        Scores.Options options = new Scores.Options(32, 16);
        List<TransferabilityScore> scores = Scores.of(List.of("parc", "gbc"), options);
        assertEquals(32, assertInstanceOf(Parc.class, scores.get(0)).config().pcaDims());
        assertEquals(16, assertInstanceOf(Gbc.class, scores.get(1)).config().pcaDims());
    }

    @Test
    void rejectsAnUnknownNameInOneLineListingTheKnownOnes() {
        ScoringException typed = assertThrows(ScoringException.class,
                () -> Scores.of(List.of("logme", "bogus"), OPTS));
        assertEquals("unknown score 'bogus'; known: " + String.join(",", Scores.NAMES), typed.getMessage());
        ScoringException parsed = assertThrows(ScoringException.class, () -> Scores.parse("logme,bogus", OPTS, true));
        assertEquals("unknown score 'bogus'; known: " + String.join(",", Scores.NAMES) + " (or all)",
                parsed.getMessage());
        assertThrows(ScoringException.class, () -> Scores.of(List.of("LogME"), OPTS), "typed names are exact");
    }

    @Test
    void refusesAScoreThatNeedsProbabilitiesWhenThereAreNone() {
        ScoringException e = assertThrows(ScoringException.class, () -> Scores.of(List.of("leep"), OPTS, false));
        assertEquals("leep needs the source model's class probabilities " + Scores.FROM_FEATURES_ONLY, e.getMessage());
        assertFalse(e.getMessage().contains("--probs P.npy)") && !e.getMessage().contains("score --features"));
        assertTrue(Scores.of(List.of("leep"), OPTS).get(0).needsProbabilities());
    }

    @Test
    void optionalScoreListsReadAllAsTheParserAndNoneAsNoScore() {
        assertEquals(Scores.NAMES.stream().filter(n -> !Scores.create(n, OPTS).needsProbabilities()).toList(),
                Scores.parseNames("all", OPTS, false));
        assertEquals(List.of(), Scores.parseNames(" None ", OPTS, false));
        assertEquals(List.of("parc", "logme"), Scores.parseNames("PARC,logme,parc", OPTS, false));
        assertThrows(ScoringException.class, () -> Scores.parseNames("logme,none", OPTS, false));
    }

    @Test
    void helpHasOneLinePerScoreThenAll() {
        List<String> lines = Scores.help().lines().toList();
        assertEquals(Scores.NAMES.size() + 1, lines.size());
        for (int i = 0; i < Scores.NAMES.size(); i++) {
            String name = Scores.NAMES.get(i);
            assertTrue(lines.get(i).startsWith(name + " "), lines.get(i));
            assertEquals(Scores.create(name, OPTS).needsProbabilities(), lines.get(i).contains("probabilities"),
                    lines.get(i));
        }
        assertTrue(lines.get(lines.size() - 1).startsWith("all "));
        assertFalse(Scores.help().contains("\r"));
    }
}
