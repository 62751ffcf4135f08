package dev.modelscout.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a TorchScript file says about its module without loading it. A TorchScript file is a zip archive whose
 * {@code code/} folder holds the module's forward code as TorchScript source ({@code .py}); every BatchNorm layer,
 * scripted or traced, appears there as a call of {@code torch.batch_norm} (or {@code torch._batch_norm_impl_index}).
 */
final class TorchScriptFiles {

    private TorchScriptFiles() {
    }

    /**
     * Whether the module of {@code file} uses BatchNorm: a {@code batch_norm} call in its code. Conservatively true
     * when the file cannot be read as an archive (a load of it fails later anyway, with its own message).
     */
    static boolean usesBatchNorm(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                String name = entry.getName();
                if (!entry.isDirectory() && name.contains("/code/") && name.endsWith(".py")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        if (new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("batch_norm")) {
                            return true;
                        }
                    }
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
