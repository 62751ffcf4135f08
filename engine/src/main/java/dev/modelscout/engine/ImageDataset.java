package dev.modelscout.engine;

import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.core.IoErrors;
import dev.modelscout.core.Labels;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The images of a labelled dataset: an ImageFolder layout or a CSV manifest of {@code path,label} rows
 * (relative paths resolve against the manifest's folder; an optional {@code path,label} header; class ids
 * in sorted label order, numeric when every label is an integer).
 *
 * <p>An ImageFolder is read as torchvision's {@code ImageFolder} reads it: one sub-folder per class (class
 * ids in sorted folder-name order), searched recursively and following symbolic links; the samples are
 * the files whose extension, in any case, is one of {@link #IMAGE_EXTENSIONS}. Other files (text, WebP,
 * PPM, files without an extension) are not samples: they are kept in {@link #notImages()} and summed up
 * once in {@link #note()}, never an error. Hidden class folders and hidden files (a leading dot) are
 * ignored. A symbolic link to a folder that contains it (a loop), or to a folder already read (the same
 * images twice), is an error that names it.
 *
 * @param source     the folder or manifest it was read from
 * @param paths      one file per image
 * @param labels     the class id of each image
 * @param classNames class names by id
 * @param notImages  files in the class folders that are not samples because they are not images we read
 */
public record ImageDataset(Path source, List<Path> paths, int[] labels, List<String> classNames,
                           List<Path> notImages) {

    /**
     * File name extensions read as images (lower case): those of torchvision's {@code IMG_EXTENSIONS}
     * that {@link ImageDecoder} decodes ({@code .webp}, {@code .ppm} and {@code .pgm} it does not), plus
     * {@code .gif}, which torchvision leaves out but we have always read.
     */
    public static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "tif", "tiff", "gif");

    /** How many of {@link #notImages()} {@link #note()} names. */
    private static final int NOTE_NAMES = 5;

    public ImageDataset {
        paths = List.copyOf(paths);
        classNames = List.copyOf(classNames);
        notImages = List.copyOf(notImages);
        if (paths.size() != labels.length) {
            throw new IllegalArgumentException(paths.size() + " paths but " + labels.length + " labels");
        }
    }

    public ImageDataset(Path source, List<Path> paths, int[] labels, List<String> classNames) {
        this(source, paths, labels, classNames, List.of());
    }

    public int size() {
        return paths.size();
    }

    public Labels toLabels() {
        return new Labels(labels.clone(), classNames);
    }

    /** A folder is read as an ImageFolder, a file as a CSV manifest. */
    public static ImageDataset open(Path path) {
        if (Files.isDirectory(path)) {
            return imageFolder(path);
        }
        if (Files.isRegularFile(path)) {
            return manifest(path);
        }
        throw new ExtractionException(path + ": no such image folder or manifest (" + EXPECTED + ")");
    }

    /** Reads an ImageFolder layout; see the class comment. */
    public static ImageDataset imageFolder(Path root) {
        List<Path> classDirs;
        Path rootReal;
        try (Stream<Path> s = Files.list(root)) {
            classDirs = s.filter(Files::isDirectory).filter(p -> !hidden(p)).sorted().toList();
            rootReal = root.toRealPath();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ExtractionException(root + ": cannot list image folder: " + IoErrors.reason(e), e);
        }
        if (classDirs.isEmpty()) {
            throw new ExtractionException(root + ": no class folders (expected one sub-folder of images per class)");
        }
        List<Path> paths = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Path> notImages = new ArrayList<>();
        Map<Path, Path> seen = new HashMap<>();
        for (Path dir : classDirs) {
            List<Path> images = new ArrayList<>();
            List<Path> others = new ArrayList<>();
            collect(dir, rootReal, seen, images, others);
            images.sort(null);
            others.sort(null);
            notImages.addAll(others);
            if (images.isEmpty()) {
                throw new ExtractionException(dir + ": empty class folder (no images"
                        + (others.isEmpty() ? "" : "; " + others.size() + " file(s) that are not images") + ")");
            }
            int id = names.size();
            names.add(dir.getFileName().toString());
            for (Path f : images) {
                paths.add(f);
                ids.add(id);
            }
        }
        requireTwoClasses(root, names);
        return new ImageDataset(root, paths, ids.stream().mapToInt(Integer::intValue).toArray(), names, notImages);
    }

    /**
     * Adds the images under {@code dir} (following symbolic links) to {@code images} and every other
     * non-hidden entry that is not a folder to {@code others}. {@code seen} maps each real folder read so
     * far to the path it was read as: meeting one again is a link loop or a second way to the same images.
     */
    private static void collect(Path dir, Path rootReal, Map<Path, Path> seen, List<Path> images, List<Path> others) {
        List<Path> entries;
        Path real;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.toList();
            real = dir.toRealPath();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ExtractionException(dir + ": cannot list class folder: " + IoErrors.reason(e), e);
        }
        Path first = seen.putIfAbsent(real, dir);
        if (rootReal.startsWith(real) || first != null && dir.startsWith(first)) {
            throw new ExtractionException(dir + ": symbolic link loop (it leads to " + real
                    + ", a folder that contains it); remove the link");
        }
        if (first != null) {
            throw new ExtractionException(dir + ": the same folder as " + first + " (" + real
                    + "), so its images would be read twice; remove one of the symbolic links");
        }
        for (Path p : entries) {
            if (Files.isDirectory(p)) {
                collect(p, rootReal, seen, images, others);
            } else if (!hidden(p)) {
                (Files.isRegularFile(p) && isImageName(p) ? images : others).add(p);
            }
        }
    }

    /**
     * One line for people about {@link #notImages()}, such as {@code skipped 3 files that are not images
     * (class0/notes.txt, class1/a.webp, class1/LICENSE); ...}; empty when there are none. Shown once, by
     * whoever opened the dataset.
     */
    public Optional<String> note() {
        if (notImages.isEmpty()) {
            return Optional.empty();
        }
        Path base = Files.isDirectory(source) ? source : source.getParent();
        List<String> shown = new ArrayList<>();
        for (Path p : notImages.subList(0, Math.min(NOTE_NAMES, notImages.size()))) {
            shown.add(base != null && p.startsWith(base) ? base.relativize(p).toString() : p.toString());
        }
        int more = notImages.size() - shown.size();
        return Optional.of(source + ": skipped " + notImages.size()
                + (notImages.size() == 1 ? " file that is not an image (" : " files that are not images (")
                + String.join(", ", shown) + (more > 0 ? ", and " + more + " more" : "")
                + "); the images read are " + extensions());
    }

    /** What {@link #open} reads, for messages about a path that is neither. */
    static final String EXPECTED = "expected a folder with one sub-folder of images per class, or a CSV manifest "
            + "of path,label rows";

    /** Reads a CSV manifest of {@code path,label} rows; see the class comment. */
    public static ImageDataset manifest(Path csv) {
        if (isImageName(csv)) {
            throw new ExtractionException(csv + ": is an image file, not a dataset (" + EXPECTED + ")");
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
                if (!isImageName(p)) {
                    throw new ExtractionException(csv + ": line " + line + ", column 1: " + p
                            + " is not an image file (expected " + extensions() + ")");
                }
                paths.add(p);
                labelText.add(rec.get(1));
            }
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            if (notText(e)) {
                throw new ExtractionException(csv + ": is not a CSV manifest: not UTF-8 text (" + EXPECTED + ")", e);
            }
            throw new ExtractionException(csv + ": cannot read manifest: " + IoErrors.reason(e), e);
        }
        if (paths.isEmpty()) {
            throw new ExtractionException(csv + ": manifest lists no images");
        }
        boolean numeric = labelText.stream().allMatch(l -> l.matches("-?\\d{1,9}"));
        TreeMap<String, Integer> ids = new TreeMap<>(numeric
                ? java.util.Comparator.comparingInt(Integer::parseInt) : java.util.Comparator.naturalOrder());
        labelText.forEach(l -> ids.put(l, 0));
        List<String> names = new ArrayList<>(ids.keySet());
        for (int i = 0; i < names.size(); i++) {
            ids.put(names.get(i), i);
        }
        requireTwoClasses(csv, names);
        return new ImageDataset(csv, paths, labelText.stream().mapToInt(ids::get).toArray(), names);
    }

    /** True when {@code e} comes from bytes that are not UTF-8 text (a binary file read as a manifest). */
    private static boolean notText(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.charset.CharacterCodingException) {
                return true;
            }
        }
        return false;
    }

    private static void requireTwoClasses(Path source, List<String> names) {
        if (names.size() < 2) {
            throw new ExtractionException(source + ": only one class (" + names.get(0)
                    + "); transferability needs at least two");
        }
    }

    private static String extensions() {
        return "." + String.join(", .", new TreeSet<>(IMAGE_EXTENSIONS));
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    static boolean isImageName(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot >= 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * At most {@code perClass} images of each class, chosen at random with {@code seed} (the same seed
     * gives the same subset), kept in dataset order. {@code perClass <= 0} keeps everything.
     */
    public ImageDataset subsample(int perClass, long seed) {
        if (perClass <= 0) {
            return this;
        }
        int c = classNames.size();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        boolean[] keep = new boolean[labels.length];
        for (int k = 0; k < c; k++) {
            List<Integer> idx = new ArrayList<>(byClass.get(k));
            java.util.Collections.shuffle(idx, new Random(seed * 1_000_003L + k));
            for (int i = 0; i < Math.min(perClass, idx.size()); i++) {
                keep[idx.get(i)] = true;
            }
        }
        List<Path> p = new ArrayList<>();
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                p.add(paths.get(i));
                l.add(labels[i]);
            }
        }
        return new ImageDataset(source, p, l.stream().mapToInt(Integer::intValue).toArray(), classNames, notImages);
    }

    /** A dataset cut in two: images for training and images held out to validate on. */
    public record Split(ImageDataset train, ImageDataset val) {
    }

    /**
     * A seeded stratified split: of each class's {@code n} images, {@code round(valFraction * n)} go to
     * the validation part, but at least one and never all, so every class with two or more images is in
     * both parts (a class with one image stays in training). Which images is drawn with {@code seed} (the
     * same seed gives the same split); both parts keep dataset order and all class names.
     *
     * @throws InvalidOptionException when {@code valFraction} is not strictly between 0 and 1
     */
    public Split stratifiedSplit(double valFraction, long seed) {
        if (!(valFraction > 0 && valFraction < 1)) {
            throw new InvalidOptionException("validation fraction must be between 0 and 1 (exclusive), got "
                    + valFraction);
        }
        int c = classNames.size();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int i = 0; i < c; i++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        boolean[] val = new boolean[labels.length];
        for (int k = 0; k < c; k++) {
            List<Integer> idx = new ArrayList<>(byClass.get(k));
            int n = idx.size();
            if (n < 2) {
                continue;
            }
            int take = (int) Math.max(1, Math.min(n - 1, Math.round(valFraction * n)));
            java.util.Collections.shuffle(idx, new Random(seed * 1_000_003L + k + 0x5eed));
            for (int i = 0; i < take; i++) {
                val[idx.get(i)] = true;
            }
        }
        List<Integer> toVal = new ArrayList<>();
        List<Integer> toTrain = new ArrayList<>();
        for (int i = 0; i < val.length; i++) {
            (val[i] ? toVal : toTrain).add(i);
        }
        return new Split(without(toVal), without(toTrain));
    }

    /** This dataset without the images at the given indices (sorted ascending). */
    ImageDataset without(List<Integer> drop) {
        if (drop.isEmpty()) {
            return this;
        }
        Set<Integer> d = new java.util.HashSet<>(drop);
        List<Path> p = new ArrayList<>();
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            if (!d.contains(i)) {
                p.add(paths.get(i));
                l.add(labels[i]);
            }
        }
        return new ImageDataset(source, p, l.stream().mapToInt(Integer::intValue).toArray(), classNames, notImages);
    }

    /**
     * SHA-256 over every image's path (relative to the source), class, size and modification time: a
     * changed, added, removed or relabelled image changes it. Contents are not read (fast on big sets).
     */
    public String fingerprint() {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path base = Files.isDirectory(source) ? source.toAbsolutePath() : source.toAbsolutePath().getParent();
        md.update(String.join("\u0000", classNames).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < paths.size(); i++) {
            Path p = paths.get(i).toAbsolutePath();
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(p, BasicFileAttributes.class);
            } catch (IOException e) {
                throw new ExtractionException(p + ": cannot read file attributes: " + IoErrors.reason(e), e);
            }
            String rel = p.startsWith(base) ? base.relativize(p).toString() : p.toString();
            md.update(("\n" + rel + "\t" + labels[i] + "\t" + a.size() + "\t"
                    + a.lastModifiedTime().toInstant()).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageDataset d && d.source.equals(source) && d.paths.equals(paths)
                && java.util.Arrays.equals(d.labels, labels) && d.classNames.equals(classNames);
    }

    @Override
    public int hashCode() {
        return paths.hashCode() * 31 + java.util.Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "ImageDataset[" + source + ", " + paths.size() + " images, " + classNames.size() + " classes]";
    }
}
