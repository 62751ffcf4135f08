package dev.modelscout.core;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The reason of an I/O failure in words, for one-line error messages. The JDK's file exceptions carry only
 * the path as their message ("cannot read: /x/y.npy" says nothing); this names what went wrong.
 */
public final class IoErrors {

    private IoErrors() {
    }

    public static String reason(Exception e) {
        if (e instanceof java.io.UncheckedIOException u && u.getCause() != null) {
            return reason(u.getCause());
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "not UTF-8 text (is it a binary file?)";
        }
        if (e instanceof NoSuchFileException n) {
            return n.getReason() != null ? n.getReason() : "no such file or folder";
        }
        if (e instanceof AccessDeniedException a) {
            return a.getReason() != null ? a.getReason() : "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileAlreadyExistsException f) {
            // Files.createDirectories says this of a path part that is a file (/dev/null in /dev/null/x.json).
            return f.getFile() != null && !java.nio.file.Files.isDirectory(java.nio.file.Path.of(f.getFile()))
                    && java.nio.file.Files.exists(java.nio.file.Path.of(f.getFile()))
                    ? f.getFile() + " is not a folder" : "already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "folder not empty";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
