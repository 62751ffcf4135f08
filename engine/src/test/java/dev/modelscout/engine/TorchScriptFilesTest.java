package dev.modelscout.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whether a TorchScript file's module has a BatchNorm, read from the code in its archive: the decision behind the
 * fine-tuning's "train mode does not change its output" warning (only where a BatchNorm keeps stale statistics).
 */
class TorchScriptFilesTest {

    private static final Path MODELS = Path.of("src/test/resources/models");

    @TempDir
    Path dir;

    private Path archive(String name, String code) throws IOException {
        Path file = dir.resolve(name + ".pt");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name + "/data.pkl"));
            zip.write(new byte[] {(byte) 0x80, 2});
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(name + "/code/__torch__/net.py"));
            zip.write(code.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return file;
    }

    @Test
    void aModuleCallingBatchNormHasOne() throws IOException {
        assertTrue(TorchScriptFiles.usesBatchNorm(archive("cnn", "def forward(self, x):\n"
                + "  _0 = torch.batch_norm(x, w, b, m, v, False, 0.1, 1e-05, True)\n  return _0\n")));
    }

    @Test
    void aViTLikeModuleWithLayerNormsOnlyHasNone() throws IOException {
        assertFalse(TorchScriptFiles.usesBatchNorm(archive("vit", "def forward(self, x):\n"
                + "  _0 = torch.layer_norm(x, [64], w, b, 1e-05, True)\n  return _0\n")));
    }

    @Test
    void anUnreadableFileCountsAsHavingOneSoTheWarningStays() throws IOException {
        assertTrue(TorchScriptFiles.usesBatchNorm(Files.writeString(dir.resolve("broken.pt"), "not a zip")));
    }

    @Test
    void theCommittedModelsAreReadAsTheyAre() {
        // tinycnn (traced and scripted) has BatchNorm layers; tinycnn_map has none
        assertTrue(TorchScriptFiles.usesBatchNorm(MODELS.resolve("tinycnn.pt")));
        assertTrue(TorchScriptFiles.usesBatchNorm(MODELS.resolve("tinycnn_scripted.pt")));
        assertFalse(TorchScriptFiles.usesBatchNorm(MODELS.resolve("tinycnn_map.pt")));
    }

    @Test
    void theWarningNeedsBothAnUnchangedOutputAndABatchNorm() {
        assertTrue(FineTuneLoop.warnsTrainModeUnused(false, true));
        assertFalse(FineTuneLoop.warnsTrainModeUnused(false, false));
        assertFalse(FineTuneLoop.warnsTrainModeUnused(true, true));
        assertFalse(FineTuneLoop.warnsTrainModeUnused(true, false));
    }
}
