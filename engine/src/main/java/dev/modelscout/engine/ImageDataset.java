package dev.modelscout.engine;

import dev.modelscout.core.InvalidOptionException;
import dev.modelscout.core.IoErrors;
import dev.modelscout.core.Labels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

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
 * <p>This record is the value (with its subsets, split and fingerprint); {@link ImageFolderReader} and
 * {@link ImageManifestReader} read the two layouts.
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
    /**
     * The id a dataset gets when none is given: the folder's name, or the manifest's name without its extension,
     * in lower case ({@code Pets/} and {@code pets.csv} are both {@code pets}).
     */
    public static String defaultId(Path path) {
        Path name = path.toAbsolutePath().normalize().getFileName();
        String s = name == null ? "dataset" : name.toString();
        if (Files.isRegularFile(path) && s.contains(".")) {
            s = s.substring(0, s.lastIndexOf('.'));
        }
        return s.toLowerCase(Locale.ROOT);
    }

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
        return ImageFolderReader.read(root);
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
        List<Path> broken = notImages.stream().filter(ImageDataset::brokenLink).toList();
        List<Path> other = notImages.stream().filter(p -> !brokenLink(p)).toList();
        List<String> parts = new ArrayList<>();
        if (!other.isEmpty()) {
            parts.add("skipped " + other.size() + (other.size() == 1 ? " file that is not an image (" : " files that are "
                    + "not images (") + names(other) + "); the images read are " + extensions());
        }
        if (!broken.isEmpty()) {
            parts.add("skipped " + broken.size() + (broken.size() == 1 ? " symbolic link" : " symbolic links")
                    + " that lead nowhere (broken, or a loop of links) (" + names(broken) + ")");
        }
        return Optional.of(source + ": " + String.join("; ", parts));
    }

    /** A symbolic link whose target does not exist, or that loops (the JDK cannot follow it either way). */
    static boolean brokenLink(Path p) {
        return Files.isSymbolicLink(p) && !Files.exists(p);
    }

    private String names(List<Path> files) {
        Path base = Files.isDirectory(source) ? source : source.getParent();
        List<String> shown = new ArrayList<>();
        for (Path p : files.subList(0, Math.min(NOTE_NAMES, files.size()))) {
            shown.add(base != null && p.startsWith(base) ? base.relativize(p).toString() : p.toString());
        }
        int more = files.size() - shown.size();
        return String.join(", ", shown) + (more > 0 ? ", and " + more + " more" : "");
    }

    /** What {@link #open} reads, for messages about a path that is neither. */
    static final String EXPECTED = "expected a folder with one sub-folder of images per class, or a CSV manifest "
            + "of path,label rows";

    /** Reads a CSV manifest of {@code path,label} rows; see the class comment. */
    public static ImageDataset manifest(Path csv) {
        return ImageManifestReader.read(csv);
    }

    static void requireTwoClasses(Path source, List<String> names) {
        if (names.size() < 2) {
            throw new ExtractionException(source + ": only one class (" + names.get(0)
                    + "); transferability needs at least two");
        }
    }

    static String extensions() {
        return "." + String.join(", .", new TreeSet<>(IMAGE_EXTENSIONS));
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
        List<List<Integer>> byClass = indicesByClass();
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

    /** The indices of each class's images, in dataset order, by class id. */
    private List<List<Integer>> indicesByClass() {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int i = 0; i < classNames.size(); i++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        return byClass;
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
        List<List<Integer>> byClass = indicesByClass();
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