package dev.modelscout.zoo;

import dev.modelscout.core.AtomicFiles;
import dev.modelscout.core.FileLocks;
import dev.modelscout.core.Backbone;
import dev.modelscout.core.FeatureStats;
import dev.modelscout.core.IoErrors;
import dev.modelscout.core.NotUtf8Exception;
import dev.modelscout.core.Utf8;
import dev.modelscout.core.WeightsKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backbone catalog users edit: a CSV file (one row per backbone, header row required, {@code #}
 * comments allowed) or a JSON file (an array of objects, or {@code {"backbones": [...]}}) with the same
 * field names, one per {@link Backbone} component and preprocessing step: id, arch_family,
 * pretrain_dataset, resize, crop, mean, std, channels, feature_dim, gmacs, params_m, weights, sha256.
 * Only {@code id} and {@code weights} are required; {@link BackboneDraft} says what the others default to.
 * Relative weights paths resolve against the catalog's folder.
 *
 * <p>Reading and writing apply the same rules to every entry, so a catalog this class writes reads back
 * equal. Every problem is a {@link ZooException} that names the file, the line (CSV) or entry (JSON), the
 * field and the model.
 */
public final class BackboneCatalog {

    private final Path file;
    private final Map<String, Backbone> entries;

    private BackboneCatalog(Path file, Map<String, Backbone> entries) {
        this.file = file;
        this.entries = entries;
    }

    /**
     * Reads a catalog; the format follows the extension ({@code .json}, else CSV). The file must be UTF-8 (else
     * {@code file:line: not UTF-8}); a leading byte-order mark is skipped, as in histories.
     */
    public static BackboneCatalog load(Path file) {
        String text;
        try {
            text = Utf8.decode(Files.readAllBytes(file), file.toString());
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
        } catch (NotUtf8Exception e) {
            throw new ZooException(e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new ZooException(file + ": zoo catalog not found");
        } catch (IOException e) {
            throw new ZooException(file + ": cannot read zoo catalog: " + IoErrors.reason(e), e);
        }
        Map<String, Backbone> entries = new LinkedHashMap<>();
        for (Backbone b : CatalogCodec.of(file).read(file, text)) {
            entries.put(b.id(), b);
        }
        return new BackboneCatalog(file, entries);
    }

    /** Reads the catalog, or starts an empty one when the file does not exist yet (for {@code zoo add}). */
    public static BackboneCatalog loadOrCreate(Path file) {
        return Files.exists(file) ? load(file) : new BackboneCatalog(file, new LinkedHashMap<>());
    }

    public Path file() {
        return file;
    }

    /** All entries in file order. */
    public List<Backbone> backbones() {
        return List.copyOf(entries.values());
    }

    public boolean contains(String id) {
        return entries.containsKey(id);
    }

    /** The entry with this id, or a {@link ZooException} listing the ids there are. */
    public Backbone get(String id) {
        Backbone b = entries.get(id);
        if (b == null) {
            throw new ZooException(file + ": no backbone '" + CatalogRules.shown(id) + "' in the zoo (has: "
                    + (entries.isEmpty() ? "none" : String.join(", ", entries.keySet())) + ")");
        }
        return b;
    }

    /** The entries with these ids in the order given, or every entry when {@code ids} is empty. */
    public List<Backbone> select(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            if (entries.isEmpty()) {
                throw new ZooException(file + ": the zoo catalog has no backbones");
            }
            return backbones();
        }
        List<Backbone> out = new ArrayList<>();
        for (String id : ids) {
            out.add(get(id.trim()));
        }
        return out;
    }

    /**
     * The entry with its weights location made absolute: a relative TorchScript path resolves against the
     * catalog's folder; URLs and builtins are returned unchanged.
     */
    public Backbone resolved(Backbone b) {
        String stats = b.sourceStats() == null ? null : against(b.sourceStats());
        if (WeightsKind.of(b.weights()) != WeightsKind.FILE) {
            return b.withSourceStats(stats);
        }
        return new Backbone(b.id(), b.archFamily(), b.pretrainDataset(), b.preprocessing(), b.featureDim(),
                b.gmacs(), b.paramsM(), against(b.weights()), b.sha256(), stats);
    }

    /** A path of an entry: relative ones resolve against the catalog's folder. */
    private String against(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? path : file.toAbsolutePath().getParent().resolve(p).normalize().toString();
    }

    /**
     * The feature statistics of {@code b}'s pre-training data ({@code source_stats}), or empty when the entry has
     * none.
     *
     * @throws ZooException naming the catalog, the entry and the file when it cannot be read, is not a (2, D)
     *                      array, or D is not the entry's feature dimension
     */
    public java.util.Optional<FeatureStats> sourceStats(Backbone b) {
        if (b.sourceStats() == null) {
            return java.util.Optional.empty();
        }
        Path p = Path.of(against(b.sourceStats()));
        String at = file + ": " + b.id() + ": source_stats " + p;
        if (!java.nio.file.Files.isRegularFile(p)) {
            throw new ZooException(at + ": no such file");
        }
        FeatureStats s;
        try {
            s = FeatureStats.read(p);
        } catch (dev.modelscout.core.ModelScoutException e) {
            throw new ZooException(file + ": " + b.id() + ": source_stats: " + CatalogRules.oneLine(e.getMessage()));
        }
        if (b.featureDim() > 0 && s.dim() != b.featureDim()) {
            throw new ZooException(at + ": " + s.dim() + " dimensions, but feature_dim is " + b.featureDim());
        }
        return java.util.Optional.of(s);
    }

    /**
     * The entry a draft describes, with the defaults filled in and checked by the rules the reader applies;
     * a {@link ZooException} naming this catalog's file and the field at fault when it breaks one.
     */
    public Backbone entry(BackboneDraft draft) {
        return draft.build(newEntry());
    }

    /**
     * A catalog with {@code b} added (or replacing the entry with the same id when {@code replace}), after
     * the checks the reader applies: what {@link #save} writes, {@link #load} reads back equal.
     */
    public BackboneCatalog with(Backbone b, boolean replace) {
        if (entries.containsKey(b.id()) && !replace) {
            throw new ZooException(file + ": backbone '" + b.id() + "' is already in the zoo (use --replace to overwrite it)");
        }
        CatalogRules.check(b, newEntry());
        Map<String, Backbone> copy = new LinkedHashMap<>(entries);
        copy.put(b.id(), b);
        return new BackboneCatalog(file, copy);
    }

    /**
     * Changes the catalog file under its writer lock: re-reads it (or starts an empty one), applies
     * {@code change} and writes the result atomically, so concurrent writers (e.g. {@code zoo add} on
     * several nodes) all land. A second writer waits, told once through {@code onWait}.
     *
     * @return the catalog as written
     */
    public static BackboneCatalog update(Path file, java.util.function.UnaryOperator<BackboneCatalog> change,
            java.util.function.Consumer<String> onWait) {
        try {
            AtomicFiles.checkTarget(file);
        } catch (IOException e) {
            throw new ZooException(file + ": cannot write zoo catalog: " + IoErrors.reason(e), e);
        }
        return FileLocks.withLock(file, FileLocks.timeout(), onWait, () -> {
            BackboneCatalog changed = change.apply(loadOrCreate(file));
            changed.save();
            return changed;
        });
    }

    /** Writes the catalog atomically, in the format its extension names (callers that share the file use {@link #update}). */
    public void save() {
        String text = CatalogCodec.of(file).write(file, entries.values());
        try {
            AtomicFiles.write(file, text);
        } catch (IOException e) {
            throw new ZooException(file + ": cannot write zoo catalog: " + IoErrors.reason(e), e);
        }
    }

    private String newEntry() {
        return file + ": new entry";
    }
}
