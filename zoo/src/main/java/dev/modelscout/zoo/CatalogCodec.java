package dev.modelscout.zoo;

import dev.modelscout.core.Backbone;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One file format of the catalog: text in, checked entries out, and back. */
sealed interface CatalogCodec permits CatalogCsv, CatalogJson {

    /** The entries in file order; every problem is a {@link ZooException} naming the file and position. */
    List<Backbone> read(Path file, String text);

    /** The file's text for these (checked) entries. */
    String write(Path file, Collection<Backbone> entries);

    /** JSON for a {@code .json} file, else CSV. */
    static CatalogCodec of(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? new CatalogJson()
                : new CatalogCsv();
    }

    /**
     * Adds {@code b} read at {@code where}, refusing a second entry with its id; {@code firstAt} keeps where
     * each id was first seen, as the message says it ({@code on line 2}, {@code in entry 1}).
     */
    static void putUnique(Map<String, Backbone> entries, Map<String, String> firstAt, Backbone b, String where,
                          String position) {
        String previous = firstAt.putIfAbsent(b.id(), position);
        if (previous != null) {
            throw new ZooException(where + ": duplicate backbone id '" + b.id() + "' (first " + previous + ")");
        }
        entries.put(b.id(), b);
    }
}
