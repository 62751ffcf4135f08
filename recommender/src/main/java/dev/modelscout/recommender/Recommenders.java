package dev.modelscout.recommender;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import dev.modelscout.core.AtomicFiles;
import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.core.IoErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The registry of recommenders (the one place a new one is added), and JSON save / load of trained ones.
 */
public final class Recommenders {

    /** Format tag written into every saved recommender. */
    public static final String FORMAT = "modelscout-recommender/2";

    /** The format before snake_case keys and typed settings; still read. */
    static final String FORMAT_CAMEL_CASE = "modelscout-recommender/1";

    /**
     * One kind of recommender.
     *
     * @param name    the name in saved files and provenance
     * @param aliases short names accepted by {@code --recommender}
     * @param model   the trained model's class (saved with {@code "kind": name})
     * @param trainer the trainer with its documented defaults and the given overrides
     */
    public record Kind(String name, List<String> aliases, Class<? extends Recommender> model,
                       Function<TrainerOverrides, Trainer> trainer) {
        boolean matches(String s) {
            return name.equals(s) || aliases.contains(s);
        }
    }

    /** Every recommender, in the order help texts list them. */
    public static final List<Kind> KINDS = List.of(
            new Kind(AutoRecommender.NAME, List.of(), AutoRecommender.Model.class,
                    o -> new AutoRecommender(o.apply(AutoRecommender.Config.defaults()))),
            new Kind(FactorizationMachine.NAME, List.of("fm"), FactorizationMachine.Model.class,
                    o -> new FactorizationMachine(o.apply(FactorizationMachine.Config.defaults()))),
            new Kind(LinearRegression.NAME, List.of("lr", "ridge"), LinearRegression.Model.class,
                    o -> new LinearRegression(o.apply(LinearRegression.Config.defaults()))),
            new Kind(Ensemble.NAME, List.of(), Ensemble.Model.class,
                    o -> new Ensemble(o.apply(Ensemble.Config.defaults()))),
            new Kind(Popularity.NAME, List.of(), Popularity.Model.class, o -> new Popularity(Popularity.Config.defaults())));

    /**
     * The file: a format tag, the recommender (with its kind, provenance and parameters) and its prediction
     * intervals ({@link Calibration}; absent in files saved before intervals, or when the history had one dataset).
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record SavedRecommender(String format, String modelscoutVersion, String createdAt, Recommender recommender,
                                   Calibration calibration) {

        public SavedRecommender(String format, Recommender recommender, Calibration calibration) {
            this(format, null, null, recommender, calibration);
        }
    }

    /** Writes and reads {@link #FORMAT}: snake_case keys. */
    private static final ObjectMapper JSON = mapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    /** Reads {@link #FORMAT_CAMEL_CASE}: the keys as the records name their components. */
    private static final ObjectMapper JSON_CAMEL_CASE = mapper();

    private Recommenders() {
    }

    private static ObjectMapper mapper() {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        KINDS.forEach(k -> m.registerSubtypes(new NamedType(k.model(), k.name())));
        return m;
    }

    /** The kind called {@code name} (a name or an alias, any case). */
    public static Kind kind(String name) {
        String s = name.strip().toLowerCase(Locale.ROOT);
        return KINDS.stream().filter(k -> k.matches(s)).findFirst().orElseThrow(() -> new InvalidOptionException(
                "unknown recommender '" + name + "' (" + String.join(", ", shortNames()) + ")"));
    }

    /** The names a user types: each kind's first alias, or its name. */
    public static List<String> shortNames() {
        List<String> out = new ArrayList<>();
        KINDS.forEach(k -> out.add(k.aliases().isEmpty() ? k.name() : k.aliases().get(0)));
        return out;
    }

    /** The trainer called {@code name} with its default settings. */
    public static Trainer trainer(String name) {
        return trainer(name, TrainerOverrides.none());
    }

    /** The trainer called {@code name} with {@code overrides} applied to its defaults. */
    public static Trainer trainer(String name, TrainerOverrides overrides) {
        return kind(name).trainer().apply(overrides);
    }

    /** JSON text of {@code r}. */
    public static String toJson(Recommender r) {
        return toJson(r, null);
    }

    /** JSON text of {@code r} with its intervals {@code calibration} (may be null). */
    public static String toJson(Recommender r, Calibration calibration) {
        try {
            dev.modelscout.core.OutputStamp stamp = dev.modelscout.core.OutputStamp.now();
            return JSON.writeValueAsString(new SavedRecommender(FORMAT, stamp.modelscoutVersion(), stamp.createdAt(), r,
                    calibration));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the recommender: " + e.getMessage(), e);
        }
    }

    /** Writes {@code r} to {@code file} atomically. */
    public static void save(Recommender r, Path file) {
        save(r, null, file);
    }

    /** Writes {@code r} and its intervals {@code calibration} (may be null) to {@code file} atomically. */
    public static void save(Recommender r, Calibration calibration, Path file) {
        try {
            AtomicFiles.write(file, toJson(r, calibration) + "\n");
        } catch (IOException e) {
            throw new RecommenderFormatException(file + ": cannot write: " + IoErrors.reason(e), e);
        }
    }

    /** Reads a recommender saved by {@link #save}. */
    public static Recommender load(Path file) {
        return loadSaved(file).recommender();
    }

    /** Reads a recommender saved by {@link #save} with its intervals (null when the file has none). */
    public static SavedRecommender loadSaved(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RecommenderFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new RecommenderFormatException(file + ": cannot read: " + IoErrors.reason(e), e);
        }
        return savedFromJson(file.toString(), text);
    }

    /** Parses the JSON of a saved recommender with its intervals; {@code source} names it in messages. */
    public static SavedRecommender savedFromJson(String source, String text) {
        SavedRecommender saved;
        try {
            boolean camel = text.contains("\"" + FORMAT_CAMEL_CASE + "\"");
            saved = (camel ? JSON_CAMEL_CASE : JSON).readValue(text, SavedRecommender.class);
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            // A record's own check refused the values (a weight array of the wrong length, a NaN, ...).
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new RecommenderFormatException(source + ": not a valid saved recommender: " + cause.getMessage(), e);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            throw new RecommenderFormatException(source + where + ": not a saved modelscout recommender: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
        if (saved == null || !(FORMAT.equals(saved.format()) || FORMAT_CAMEL_CASE.equals(saved.format()))
                || saved.recommender() == null) {
            throw new RecommenderFormatException(source + ": not a saved modelscout recommender (format must be '"
                    + FORMAT + "')");
        }
        return saved;
    }
}
