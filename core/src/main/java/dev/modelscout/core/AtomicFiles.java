package dev.modelscout.core;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a file all at once or not at all, durably.
 *
 * <ul>
 * <li>The bytes go to a hidden temporary sibling {@code .NAME.HOST.PID.RANDOM.tmp}, which is flushed to disk
 * ({@code fsync}), then replaces the target in one rename, after which the folder is synced too. A failure
 * or a kill part-way leaves the old file, and the data in it, untouched.</li>
 * <li>A symbolic link is resolved first: the file it points to is replaced and the link stays a link.</li>
 * <li>The new file keeps the old file's permissions (and owner and group where the process may set them),
 * or gets {@code rw-r--r--}. A target that is not writable is refused, not replaced.</li>
 * <li>Temporaries left by a killed writer are removed on the next write of the same file: those of a
 * process of this host that is gone, and those of other hosts untouched for {@link #STALE_AFTER}.</li>
 * <li>Only a regular file, or a missing name in an existing folder, is written ({@link #checkTarget}): a
 * character or block device ({@code /dev/null}), a FIFO, a socket or a folder is refused and left as it is,
 * and a missing folder is never created.</li>
 * </ul>
 */
public final class AtomicFiles {

    private static final Set<PosixFilePermission> DEFAULT_PERMISSIONS = PosixFilePermissions.fromString("rw-r--r--");

    /** A temporary file of another host untouched this long is taken as left by a killed writer. */
    public static final Duration STALE_AFTER = Duration.ofHours(1);

    /** Writes the content; the stream is buffered and closed on the caller's behalf. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    public static void write(Path file, Content content) throws IOException {
        Path target = checkTarget(file);
        Path dir = target.getParent();
        boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        removeStaleTemporaries(target);
        Path tmp = dir.resolve(prefix(target) + hostName() + "." + ProcessHandle.current().pid() + "."
                + UUID.randomUUID().toString().substring(0, 8) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            copyAttributes(exists ? target : null, tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The file that {@link #write} would replace, after checking that it may be: {@code file}'s links resolved,
     * it is a regular file or does not exist yet, its folder exists, and it is not read-only. Opens nothing,
     * so a FIFO never blocks.
     *
     * @throws IOException whose {@link IoErrors#reason} says in words why not
     */
    public static Path checkTarget(Path file) throws IOException {
        Path target = resolveLinks(file.toAbsolutePath());
        Path dir = target.getParent();
        if (dir == null || !Files.exists(dir)) {
            throw new NoSuchFileException(target.toString(), null, "the folder " + dir
                    + " does not exist (create it first; modelscout does not create folders for its outputs)");
        }
        if (!Files.isDirectory(dir)) {
            throw new FileSystemException(target.toString(), null, dir + " is not a folder");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            BasicFileAttributes a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isDirectory()) {
                throw new FileSystemException(target.toString(), null, "is a folder; give a file name");
            }
            if (!a.isRegularFile()) {
                throw new FileSystemException(target.toString(), null, "is not a regular file (a device, FIFO or "
                        + "socket); only regular files are written, and it was left as it is");
            }
            if (readOnly(target)) {
                throw new AccessDeniedException(target.toString(), null, "the file is read-only; it was left as it is");
            }
        }
        return target;
    }

    /** Not writable by this process, or marked read-only (no owner write bit; root could write it anyway). */
    public static boolean readOnly(Path target) throws IOException {
        if (!Files.isWritable(target)) {
            return true;
        }
        return Files.getFileAttributeView(target, PosixFileAttributeView.class) != null
                && !Files.getPosixFilePermissions(target).contains(PosixFilePermission.OWNER_WRITE);
    }

    /** The file a path names after following every symbolic link (the path itself when it names no link). */
    public static Path resolveLinks(Path file) throws IOException {
        Path p = file.toAbsolutePath();
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops > 40) {
                throw new IOException(file + ": too many levels of symbolic links");
            }
            p = p.resolveSibling(Files.readSymbolicLink(p)).normalize();
        }
        Path parent = p.getParent();
        return parent != null && Files.exists(parent) ? parent.toRealPath().resolve(p.getFileName()) : p;
    }

    private static String prefix(Path target) {
        return "." + target.getFileName() + ".";
    }

    /** Removes temporaries of {@code target} left by writers that were killed (see the class comment). */
    static void removeStaleTemporaries(Path target) {
        String prefix = prefix(target);
        Instant cutoff = Instant.now().minus(STALE_AFTER);
        try (DirectoryStream<Path> s = Files.newDirectoryStream(target.getParent(), prefix + "*.tmp")) {
            for (Path t : s) {
                String[] parts = t.getFileName().toString().substring(prefix.length()).split("\\.");
                if (parts.length < 4) {
                    continue;
                }
                String host = String.join(".", java.util.Arrays.copyOf(parts, parts.length - 3));
                long pid;
                try {
                    pid = Long.parseLong(parts[parts.length - 3]);
                } catch (NumberFormatException e) {
                    continue;
                }
                boolean stale = host.equals(hostName())
                        ? ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)
                        : Files.getLastModifiedTime(t, LinkOption.NOFOLLOW_LINKS).compareTo(FileTime.from(cutoff)) < 0;
                if (stale) {
                    Files.deleteIfExists(t);
                }
            }
        } catch (IOException e) {
            // Clean-up is best effort; the write itself reports real problems.
        }
    }

    private static void copyAttributes(Path from, Path to) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        if (from == null) {
            view.setPermissions(DEFAULT_PERMISSIONS);
            return;
        }
        PosixFileAttributes old = Files.readAttributes(from, PosixFileAttributes.class);
        view.setPermissions(old.permissions());
        try {
            if (!old.group().equals(view.readAttributes().group())) {
                view.setGroup(old.group());
            }
            if (!old.owner().equals(view.readAttributes().owner())) {
                view.setOwner(old.owner());
            }
        } catch (IOException e) {
            // Only the owner or root may change ownership; the permissions were kept above.
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a folder for syncing; the rename itself has happened.
        }
    }

    /** This host's name as used in temporary names (letters, digits and '-' only). */
    static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            } catch (IOException | RuntimeException e) {
                h = "localhost";
            }
        }
        return h.replaceAll("[^A-Za-z0-9-]", "_");
    }
}
