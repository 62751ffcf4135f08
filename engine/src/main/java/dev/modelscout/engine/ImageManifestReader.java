package dev.modelscout.engine;

import dev.modelscout.core.IoErrors;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV manifest of {@code path,label} rows: relative paths resolve against the manifest's folder,
 * an optional {@code path,label} header, class ids in sorted label order (numeric when every label is an
 * integer). Errors name the file, line and column.
 */
final class ImageManifestReader {

    private ImageManifestReader() {
    }

    static ImageDataset read(Path csv) {
        if (ImageDataset.isImageName(csv)) {
            throw new ExtractionException(csv + ": is an image file, not a dataset (" + ImageDataset.EXPECTED + ")");
        }
        Path base = csv.toAbsolutePath().getParent();
        List<Path> paths = new ArrayList<>();
        List<String> labelText = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(true).get();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8); CSVParser parser = CSVParser.parse(r, format)) {
            boolean first = true;
            for (CSVRecord rec : parser) {
                long line = parser.getCurrentLineNumber();
                if (first && rec.size() == 2 && rec.get(0).equalsIgnoreCase("path") && rec.get(1).equalsIgnoreCase("label")) {
                    first = false;
                    continue;
                }
                first = false;
                if (rec.size() != 2) {
                    throw new ExtractionException(csv + ": line " + line + ": expected 2 cells (path,label), found " + rec.size());
                }
                if (rec.get(0).isEmpty() || rec.get(1).isEmpty()) {
                    throw new ExtractionException(csv + ": line " + line + ": empty " + (rec.get(0).isEmpty() ? "path" : "label"));
                }
                Path p = base.resolve(rec.get(0)).normalize();
                if (!Files.isRegularFile(p)) {
                    throw new ExtractionException(csv + ": line " + line + ", column 1: image " + p + " does not exist");
                }
                if (!ImageDataset.isImageName(p)) {
                    throw new ExtractionException(csv + ": line " + line + ", column 1: " + p
                            + " is not an image file (expected " + ImageDataset.extensions() + ")");
                }
                paths.add(p);
                labelText.add(rec.get(1));
            }
        } catch (IOException | IllegalStateException | UncheckedIOException e) {
            if (notText(e)) {
                throw new ExtractionException(csv + ": is not a CSV manifest: not UTF-8 text ("
                        + ImageDataset.EXPECTED + ")", e);
            }
            throw new ExtractionException(csv + ": cannot read manifest: " + IoErrors.reason(e), e);
        }
        if (paths.isEmpty()) {
            throw new ExtractionException(csv + ": manifest lists no images");
        }
        boolean numeric = labelText.stream().allMatch(l -> l.matches("-?\\d{1,9}"));
        TreeMap<String, Integer> ids = new TreeMap<>(numeric
                ? Comparator.comparingInt(Integer::parseInt) : Comparator.naturalOrder());
        labelText.forEach(l -> ids.put(l, 0));
        List<String> names = new ArrayList<>(ids.keySet());
        for (int i = 0; i < names.size(); i++) {
            ids.put(names.get(i), i);
        }
        ImageDataset.requireTwoClasses(csv, names);
        return new ImageDataset(csv, paths, labelText.stream().mapToInt(ids::get).toArray(), names);
    }

    /** True when {@code e} comes from bytes that are not UTF-8 text (a binary file read as a manifest). */
    private static boolean notText(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CharacterCodingException) {
                return true;
            }
        }
        return false;
    }
}
