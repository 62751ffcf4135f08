package dev.modelscout.recommender.evaluation;

/** Another recommender's (the popularity baseline's) summary under the same protocol and splits. */
public record Baseline(String recommender, Summary metrics, Summary std) {

    public static Baseline of(Result r) {
        return new Baseline(r.recommender(), r.metrics(), r.std());
    }
}
