package dev.modelscout.workflow;

import dev.modelscout.core.ModelScoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The small, real world modelscout ships (docs/world.md): a zoo of pre-trained TorchScript backbones, a history of
 * their fine-tuning jobs on real image datasets (every job run by {@code modelscout finetune}), a recommender trained
 * on that history, and a sample target with every backbone's true fine-tuned accuracy. Commands fall back to it when
 * no zoo, images or history is given.
 *
 * <p>Where it is: the folder named by the system property {@code modelscout.world}; else {@code world/} of the
 * installation (the launcher sets {@code modelscout.home}); else, in a source checkout, {@code src/world} of the
 * first parent folder that has one.
 */
public record EmbeddedWorld(Path root) {

    public static final String PROPERTY = "modelscout.world";

    /** The embedded world, or a one-line error saying that this installation has none. */
    public static EmbeddedWorld locate() {
        String explicit = System.getProperty(PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return check(Path.of(explicit));
        }
        String home = System.getProperty("modelscout.home");
        if (home != null && !home.isBlank() && Files.isDirectory(Path.of(home, "world"))) {
            return check(Path.of(home, "world"));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("src").resolve("world");
            if (Files.isRegularFile(candidate.resolve("zoo").resolve("zoo.csv"))) {
                return check(candidate);
            }
        }
        throw new ModelScoutException("this installation has no embedded world (zoo, history and sample target); "
                + "give --zoo and --images (and --history where asked)");
    }

    private static EmbeddedWorld check(Path root) {
        EmbeddedWorld w = new EmbeddedWorld(root.toAbsolutePath().normalize());
        if (!Files.isRegularFile(w.zoo())) {
            throw new ModelScoutException(root + ": not an embedded world (no zoo/zoo.csv)");
        }
        return w;
    }

    /**
     * Refuses {@code file} (given with {@code option}) when it is a file of an embedded world: the shipped world
     * stays as it was made; grow a copy instead.
     */
    public static void refuseWritingInto(Path file, String option) {
        EmbeddedWorld w;
        try {
            w = locate();
        } catch (ModelScoutException e) {
            return;
        }
        try {
            Path target = dev.modelscout.core.AtomicFiles.resolveLinks(file).toAbsolutePath().normalize();
            if (target.startsWith(w.root().toRealPath())) {
                throw new dev.modelscout.core.InvalidOptionException(option + " " + file + ": is part of the embedded "
                        + "world, which is never written; copy it (cp " + file + " my-history.csv) and grow the copy");
            }
        } catch (java.io.IOException e) {
            // A path that cannot be resolved is not the world's; the writer reports its own problems.
        }
    }

    /** The zoo catalog. */
    public Path zoo() {
        return root.resolve("zoo").resolve("zoo.csv");
    }

    /** The history of fine-tuning jobs, every backbone on every target. */
    public Path history() {
        return root.resolve("history.csv");
    }

    /** The recommender trained on {@link #history()} (src/world/train-recommender.sh). */
    public Path recommender() {
        return root.resolve("recommender.json");
    }

    /**
     * The sample target's image folder, {@code sample/<dataset id>/}: in neither the pre-training sources nor the
     * history.
     */
    public Path sampleImages() {
        Path dir = root.resolve("sample");
        try (var s = Files.list(dir)) {
            List<Path> folders = s.filter(Files::isDirectory).sorted().toList();
            if (folders.size() != 1) {
                throw new ModelScoutException(dir + ": expected one sample target folder, found " + folders.size());
            }
            return folders.get(0);
        } catch (java.io.IOException e) {
            throw new ModelScoutException(dir + ": cannot read the sample target: " + dev.modelscout.core.IoErrors.reason(e), e);
        }
    }

    /** Every backbone's true fine-tuned accuracy on the sample target (dataset,model,accuracy). */
    public Path sampleTruth() {
        return root.resolve("sample").resolve("truth.csv");
    }
}
