package dev.modelscout.core;

import dev.modelscout.core.Npy.NpyFormatException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** Writes {@code .npy} files, little endian, C order, atomically (temporary file, then move). */
final class NpyWriter {

    private NpyWriter() {
    }

    static void write(Path file, FeatureMatrix m, boolean float32) {
        int width = float32 ? 4 : 8;
        writeAtomically(file, float32 ? "<f4" : "<f8", new int[] {m.rows(), m.cols()}, out -> {
            ByteBuffer b = ByteBuffer.allocate(8192 * width).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : m.data()) {
                if (!b.hasRemaining()) {
                    out.write(b.array(), 0, b.position());
                    b.clear();
                }
                if (float32) {
                    b.putFloat((float) v);
                } else {
                    b.putDouble(v);
                }
            }
            out.write(b.array(), 0, b.position());
        });
    }

    static void write(Path file, int[] ids) {
        writeAtomically(file, "<i8", new int[] {ids.length}, out -> {
            ByteBuffer b = ByteBuffer.allocate(ids.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (int id : ids) {
                b.putLong(id);
            }
            out.write(b.array());
        });
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static void writeAtomically(Path file, String descr, int[] shape, Body body) {
        byte[] header = NpyHeader.encode(descr, shape);
        try {
            AtomicFiles.write(file, out -> {
                out.write(header);
                body.write(out);
            });
        } catch (IOException e) {
            throw new NpyFormatException(file + ": cannot write: " + IoErrors.reason(e), e);
        }
    }
}
