package dev.modelscout.recommender;

import dev.modelscout.core.IoErrors;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Trainer lookup by name, and JSON save / load of trained recommenders. */
public final class Recommenders {

    /** Format tag written into every saved recommender. */
    public static final String FORMAT = "modelscout-recommender/1";

    /** The JSON file: a format tag and the recommender (with its kind, provenance and parameters). */
    public record SavedRecommender(String format, Recommender recommender) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Recommenders() {
    }

    /**
     * The trainer called {@code name} with its default settings: {@code fm} (factorization-machine),
     * {@code lr} (linear-regression, ridge), {@code ensemble} (mean of lr and fm) or {@code popularity}.
     */
    public static Trainer trainer(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "fm", FactorizationMachine.NAME -> new FactorizationMachine(FactorizationMachine.Config.defaults());
            case "lr", "ridge", LinearRegression.NAME -> new LinearRegression(LinearRegression.Config.defaults());
            case Popularity.NAME -> new Popularity(Popularity.Config.defaults());
            case Ensemble.NAME -> new Ensemble(Ensemble.Config.defaults());
            default -> throw new IllegalArgumentException("unknown recommender '" + name + "' (fm, lr, ensemble or popularity)");
        };
    }

    /** JSON text of {@code r}. */
    public static String toJson(Recommender r) {
        try {
            return JSON.writeValueAsString(new SavedRecommender(FORMAT, r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the recommender: " + e.getMessage(), e);
        }
    }

    /** Writes {@code r} to {@code file} atomically. */
    public static void save(Recommender r, Path file) {
        TrainingHistory.writeAtomically(file, (toJson(r) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a recommender saved by {@link #save}. */
    public static Recommender load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new HistoryFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new HistoryFormatException(file + ": cannot read: " + IoErrors.reason(e), e);
        }
        return fromJson(file.toString(), text);
    }

    /** Parses the JSON of a saved recommender; {@code source} names it in messages. */
    public static Recommender fromJson(String source, String text) {
        SavedRecommender saved;
        try {
            saved = JSON.readValue(text, SavedRecommender.class);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            throw new HistoryFormatException(source + where + ": not a saved modelscout recommender: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
        if (saved == null || !FORMAT.equals(saved.format()) || saved.recommender() == null) {
            throw new HistoryFormatException(source + ": not a saved modelscout recommender (format must be '" + FORMAT + "')");
        }
        return saved.recommender();
    }
}
