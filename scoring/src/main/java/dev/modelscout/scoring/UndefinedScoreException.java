package dev.modelscout.scoring;

/**
 * A score that is undefined on its input, though the input is well formed: too few images or classes (a tiny
 * dataset), every image its own class, features without spread. {@link Scores#runEach} leaves such a score empty
 * (unknown) instead of failing the run.
 */
public class UndefinedScoreException extends ScoringException {

    private static final long serialVersionUID = 1L;

    public UndefinedScoreException(String message) {
        super(message);
    }
}
