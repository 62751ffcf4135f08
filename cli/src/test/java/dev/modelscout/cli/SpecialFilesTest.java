package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs that are not regular files, folders that do not exist, bytes that are not UTF-8 and a heap that is too
 * small, each with the real {@code modelscout} process (its own JVM, exit code and streams).
 */
class SpecialFilesTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private Run modelscout(List<String> jvm, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("modelscout " + String.join(" ", args) + " did not finish in 60 s (blocked?)");
        }
        return new Run(p.exitValue(), Files.readString(dir.resolve("stdout")), Files.readString(dir.resolve("stderr")));
    }

    private Path jobs() throws Exception {
        return Files.writeString(dir.resolve("jobs.csv"), "dataset,model,accuracy\npets,vit,0.8\n");
    }

    private static boolean special(Path p) throws Exception {
        return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther();
    }

    @Test
    void aFifoAsTheHistoryIsAUsageErrorAndDoesNotBlock() throws Exception {
        Path fifo = dir.resolve("h.csv");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
        Run r = modelscout(List.of(), "history", "append", "--history", fifo.toString(), "--jobs", jobs().toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("error: " + fifo + ": is not a regular file"), r.err());
        assertTrue(special(fifo), "still a FIFO");
    }

    @Test
    void aDeviceAsTheHistoryOrAsAnOutputIsRefusedAndStaysADevice() throws Exception {
        Path devNull = Path.of("/dev/null");
        Run r = modelscout(List.of(), "history", "append", "--history", devNull.toString(), "--jobs", jobs().toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("/dev/null: is not a regular file"), r.err());
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), devNull);
        r = modelscout(List.of(), "history", "append", "--history", link.toString(), "--jobs", jobs().toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(special(devNull), "/dev/null is still a device");
        assertTrue(Files.isSymbolicLink(link));
        Files.delete(link); // the link, not /dev/null: JUnit would otherwise warn about a link leaving its folder
    }

    @Test
    void aHistoryInAFolderThatDoesNotExistIsAUsageErrorAndNoFolderIsCreated() throws Exception {
        Path h = dir.resolve("typo").resolve("dir").resolve("h.csv");
        Run r = modelscout(List.of(), "history", "append", "--history", h.toString(), "--jobs", jobs().toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("does not exist"), r.err());
        assertFalse(Files.exists(dir.resolve("typo")));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.csv"), Path.of("missing/h.csv"));
        r = modelscout(List.of(), "history", "append", "--history", dangling.toString(), "--jobs", jobs().toString());
        assertEquals(2, r.exit(), r.err());
        assertFalse(Files.exists(dir.resolve("missing")));
    }

    @Test
    void aHistoryThatIsNotUtf8IsRefusedWithItsLineByEveryReaderAndKeptAsItIs() throws Exception {
        Path h = dir.resolve("h.csv");
        byte[] bytes = "dataset,model,accuracy\ncifar,vit,0.5\ncaf?,vit,0.6\n".getBytes(StandardCharsets.US_ASCII);
        bytes[bytes.length - 13] = (byte) 0xE9;
        Files.write(h, bytes);
        Run r = modelscout(List.of(), "history", "append", "--history", h.toString(), "--jobs", jobs().toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().startsWith("error: " + h + ":3: not UTF-8"), r.err());
        assertArrayEquals(bytes, Files.readAllBytes(h));
        r = modelscout(List.of(), "train", "--history", h.toString(), "--out", dir.resolve("m.json").toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains(h + ":3: not UTF-8"), r.err());
    }

    @Test
    void runningOutOfMemoryIsOneLineNamingTheJavaOptionsNotAStackTrace() throws Exception {
        Path h = dir.resolve("big.csv");
        StringBuilder sb = new StringBuilder("dataset,model,accuracy\n");
        for (int i = 0; i < 400_000; i++) {
            sb.append("dataset-with-a-long-name-").append(i % 1000).append(",model-").append(i).append(",0.5\n");
        }
        Files.writeString(h, sb);
        Run r = modelscout(List.of("-Xmx24m"), "train", "--history", h.toString(), "--out", dir.resolve("m.json").toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("out of memory") && r.err().contains("MODELSCOUT_JAVA_OPTS"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("error:")).count(), r.err());
    }

    @Test
    void namesWithLineBreaksOrBidiControlsPrintEscapedOnTheirOneLine() throws Exception {
        String name = "a\nerror: fake.png: forged \u202Egnp.exe";
        Path jobs = dir.resolve(name + ".csv");
        Run r = modelscout(List.of(), "history", "append", "--history", dir.resolve("h.csv").toString(), "--jobs",
                jobs.toString());
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains("a\\nerror: fake.png: forged \\u202egnp.exe.csv"), r.err());
        assertFalse(r.err().contains("\u202E"), "no raw bidi control");
    }
}
