package dev.modelscout.engine;

import dev.modelscout.core.IoErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads an ImageFolder layout as torchvision's {@code ImageFolder} reads it; the rules are in
 * {@link ImageDataset}'s class comment (class folders in sorted order, searched recursively following
 * symbolic links, files that are not images kept aside, hidden entries ignored, link loops and folders
 * reached twice refused).
 */
final class ImageFolderReader {

    private ImageFolderReader() {
    }

    static ImageDataset read(Path root) {
        List<Path> classDirs;
        List<Path> brokenClassLinks;
        Path rootReal;
        try (Stream<Path> s = Files.list(root)) {
            List<Path> entries = s.filter(p -> !hidden(p)).sorted().toList();
            classDirs = entries.stream().filter(Files::isDirectory).toList();
            brokenClassLinks = entries.stream().filter(ImageDataset::brokenLink).toList();
            rootReal = root.toRealPath();
        } catch (IOException | UncheckedIOException e) {
            throw new ExtractionException(root + ": cannot list image folder: " + IoErrors.reason(e), e);
        }
        if (classDirs.isEmpty()) {
            throw new ExtractionException(root + ": no class folders (expected one sub-folder of images per class)");
        }
        List<Path> paths = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Path> notImages = new ArrayList<>(brokenClassLinks);
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
        ImageDataset.requireTwoClasses(root, names);
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
        } catch (IOException | UncheckedIOException e) {
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
                (Files.isRegularFile(p) && ImageDataset.isImageName(p) ? images : others).add(p);
            }
        }
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }
}
