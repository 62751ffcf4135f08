package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code modelscout score} end to end on small .npy / .csv files written here. */
class ScoreCommandIT {

    @TempDir
    Path dir;

    private static CliTest run(String... args) {
        return CliTest.run(args);
    }

    private void writeInputs(int n, int d, int c) {
        Random r = new Random(11);
        int[] y = new int[n];
        double[] f = new double[n * d];
        double[] p = new double[n * 4];
        for (int i = 0; i < n; i++) {
            y[i] = 10 * (i % c) + 3; // non-contiguous ids
            for (int j = 0; j < d; j++) {
                f[i * d + j] = r.nextGaussian() + (j == i % c ? 2 : 0);
            }
            double sum = 0;
            for (int k = 0; k < 4; k++) {
                p[i * 4 + k] = Math.exp(r.nextGaussian() + (k == i % c ? 1 : 0));
                sum += p[i * 4 + k];
            }
            for (int k = 0; k < 4; k++) {
                p[i * 4 + k] /= sum;
            }
        }
        Npy.write(dir.resolve("f.npy"), new FeatureMatrix(n, d, f), true);
        Npy.write(dir.resolve("y.npy"), y);
        Npy.write(dir.resolve("p.npy"), new FeatureMatrix(n, 4, p), false);
    }

    @Test
    void scoresNpyInputsAndWritesJsonAndCsv() throws Exception {
        writeInputs(60, 8, 3);
        CliTest r = run("score", "--features", dir.resolve("f.npy").toString(), "--labels", dir.resolve("y.npy").toString(),
                "--probs", dir.resolve("p.npy").toString(), "--scores", "all", "--out", dir.resolve("s.json").toString());
        assertEquals(0, r.exitCode(), r.err());
        for (String name : new String[] {"logme", "parc", "lfc", "leep", "nce", "hscore", "reg_hscore", "transrate", "gbc"}) {
            assertTrue(r.out().contains(name), r.out());
        }
        String json = Files.readString(dir.resolve("s.json"));
        assertTrue(json.startsWith("{\"logme\": ") && json.contains("\"gbc\": "), json);

        CliTest csv = run("score", "--features", dir.resolve("f.npy").toString(), "--labels",
                dir.resolve("y.npy").toString(), "--scores", "logme,lfc", "--out", dir.resolve("s.csv").toString());
        assertEquals(0, csv.exitCode(), csv.err());
        String[] lines = Files.readString(dir.resolve("s.csv")).split("\n");
        assertEquals("logme,lfc", lines[0]);
        String[] values = lines[1].split(",");
        assertEquals(2, values.length);
        // the same numbers as the JSON of the first run
        assertTrue(json.contains("\"logme\": " + values[0]), json + " vs " + lines[1]);
    }

    @Test
    void readsCsvWithHeader() throws Exception {
        StringBuilder f = new StringBuilder("a,b,c\n");
        StringBuilder y = new StringBuilder("label\n");
        Random r = new Random(3);
        for (int i = 0; i < 30; i++) {
            f.append(r.nextGaussian() + i % 2).append(',').append(r.nextGaussian()).append(',').append(r.nextGaussian())
                    .append('\n');
            y.append(i % 2).append('\n');
        }
        Files.writeString(dir.resolve("f.csv"), f);
        Files.writeString(dir.resolve("y.csv"), y);
        CliTest run = run("score", "--features", dir.resolve("f.csv").toString(), "--labels", dir.resolve("y.csv").toString(),
                "--scores", "logme,parc");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("parc"), run.out());
    }

    @Test
    void badInputExitsOneWithOneLineNamingTheProblem() throws Exception {
        writeInputs(20, 4, 2);
        Files.writeString(dir.resolve("bad.csv"), "1,2\n3,x\n");
        CliTest bad = run("score", "--features", dir.resolve("bad.csv").toString(), "--labels", dir.resolve("y.npy").toString());
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("bad.csv:2: column 2 is not a number"), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());

        CliTest needsProbs = run("score", "--features", dir.resolve("f.npy").toString(), "--labels",
                dir.resolve("y.npy").toString(), "--scores", "leep");
        assertEquals(1, needsProbs.exitCode());
        assertTrue(needsProbs.err().contains("--probs"), needsProbs.err());

        Files.writeString(dir.resolve("short.csv"), "1\n2\n3\n");
        CliTest mismatch = run("score", "--features", dir.resolve("f.npy").toString(), "--labels",
                dir.resolve("short.csv").toString(), "--scores", "lfc", "--out", dir.resolve("never.json").toString());
        assertEquals(1, mismatch.exitCode());
        assertTrue(mismatch.err().contains("short.csv: 3 labels, but " + dir.resolve("f.npy") + " has 20 feature rows"),
                mismatch.err());
        assertFalse(Files.exists(dir.resolve("never.json")));

        double[] withNan = new double[20 * 2];
        withNan[3] = Double.NaN;
        Npy.write(dir.resolve("nan.npy"), new FeatureMatrix(20, 2, withNan), false);
        CliTest nan = run("score", "--features", dir.resolve("nan.npy").toString(), "--labels",
                dir.resolve("y.npy").toString(), "--scores", "lfc");
        assertEquals(1, nan.exitCode(), nan.err());
        assertTrue(nan.err().contains("nan.npy: NaN at row 1, column 1"), nan.err());

        CliTest usage = run("score", "--labels", dir.resolve("y.npy").toString());
        assertEquals(2, usage.exitCode());
    }

    @Test
    void benchWritesInputsThatScoreReads() {
        CliTest w = run("bench", "scores", "--case", "N5000_D1024_C100", "--write-inputs", dir.toString());
        assertEquals(0, w.exitCode(), w.err());
        Path c = dir.resolve("N5000_D1024_C100");
        Npy.Array f = Npy.read(c.resolve("features.npy"));
        assertEquals(5000, f.shape()[0]);
        assertEquals(1024, f.shape()[1]);
        assertEquals("f4", f.dtype());
        CliTest s = run("score", "--features", c.resolve("features.npy").toString(), "--labels",
                c.resolve("labels.npy").toString(), "--scores", "lfc");
        assertEquals(0, s.exitCode(), s.err());
        assertTrue(s.out().contains("lfc"), s.out());
    }

    @Test
    void fortranOrderFloat64FeaturesScoreLikeCOrder() throws Exception {
        writeInputs(40, 5, 2);
        Npy.Array c = Npy.read(dir.resolve("f.npy"));
        int n = c.shape()[0];
        int d = c.shape()[1];
        String dict = "{'descr': '<f8', 'fortran_order': True, 'shape': (" + n + ", " + d + "), }";
        int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(10 + header.length() + 8 * n * d)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < n; i++) {
                b.putDouble(c.values()[i * d + j]);
            }
        }
        Files.write(dir.resolve("fortran.npy"), b.array());
        CliTest a = run("score", "--features", dir.resolve("f.npy").toString(), "--labels", dir.resolve("y.npy").toString(),
                "--scores", "logme,parc,lfc", "--out", dir.resolve("c.json").toString());
        CliTest f = run("score", "--features", dir.resolve("fortran.npy").toString(), "--labels",
                dir.resolve("y.npy").toString(), "--scores", "logme,parc,lfc", "--out", dir.resolve("f.json").toString());
        assertEquals(0, a.exitCode(), a.err());
        assertEquals(0, f.exitCode(), f.err());
        assertEquals(Files.readString(dir.resolve("c.json")), Files.readString(dir.resolve("f.json")));
    }
}
