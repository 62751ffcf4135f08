package dev.modelscout.recommender;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HistoryAppender}: a jobs CSV appended to a history file. */
class TrainingHistoryAppendFileTest {

    private static final String HISTORY = "dataset,model,params_m,accuracy,source\n"
            + "cifar,resnet,11,0.8,paper\n"
            + "cifar,vit,86,0.9,paper\n"
            + "pets,resnet,11,0.7,paper\n";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private void assertUnchanged(Path h, byte[] before) throws Exception {
        assertArrayEquals(before, Files.readAllBytes(h));
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void appendsRowsOfARecommendOutputAndDropsColumnsTheHistoryLacks() throws Exception {
        Path h = write("h.csv", HISTORY);
        Path jobs = write("recs.csv", "rank,dataset,model,params_m,predicted_accuracy,accuracy\n"
                + "1,pets,vit,86,0.81,0.83\n2,pets,deit,22,0.78,0.79\n");
        AppendResult r = HistoryAppender.append(h, jobs, OnDuplicate.ERROR, false, msg -> { });
        assertEquals(2, r.appended());
        assertEquals(List.of("rank", "predicted_accuracy"), r.droppedColumns());
        assertFalse(r.created());
        String after = Files.readString(h);
        assertEquals(HISTORY + "pets,vit,86,0.83,\npets,deit,22,0.79,\n", after);
        assertEquals(5, r.jobs());
        assertEquals(2, r.datasets());
        assertEquals(3, r.models());
    }

    @Test
    void createsAMissingHistoryWithTheSchemaHeaderAndTheExtraColumns() throws Exception {
        Path h = Files.createDirectories(dir.resolve("sub")).resolve("new.csv");
        Path jobs = write("recs.csv", "rank,dataset,model,accuracy\n1,pets,vit,91.5\n");
        AppendResult r = HistoryAppender.append(h, jobs, OnDuplicate.ERROR, true, msg -> { });
        assertTrue(r.created());
        TrainingHistory created = HistoryReader.read(h, ReadOptions.defaults());
        List<String> header = created.columns();
        assertEquals(HistorySchema.COLUMNS, header.subList(0, HistorySchema.COLUMNS.size()));
        assertEquals(List.of("rank"), header.subList(HistorySchema.COLUMNS.size(), header.size()));
        assertEquals(0.915, created.jobs().get(0).accuracy(), 1e-15);
        assertEquals("0.915", created.jobs().get(0).cell("accuracy"), "percent written as an exact fraction");
    }

    @Test
    void badRowLeavesTheHistoryByteIdentical() throws Exception {
        Path h = write("h.csv", HISTORY);
        byte[] before = Files.readAllBytes(h);
        Path empty = write("a.csv", "dataset,model,accuracy\npets,vit,0.8\npets,deit,\n");
        HistoryFormatException e = assertThrows(HistoryFormatException.class,
                () -> HistoryAppender.append(h, empty, OnDuplicate.ERROR, false, msg -> { }));
        assertTrue(e.getMessage().startsWith(empty + ":3:3: column 'accuracy': empty"), e.getMessage());
        Path range = write("b.csv", "model,accuracy,dataset\nvit,1.5,pets\n");
        e = assertThrows(HistoryFormatException.class, () -> HistoryAppender.append(h, range, OnDuplicate.ERROR, false, msg -> { }));
        assertTrue(e.getMessage().startsWith(range + ":2:2: column 'accuracy': 1.5 is outside [0,1]"), e.getMessage());
        Path noColumn = write("c.csv", "dataset,model,predicted_accuracy\npets,vit,0.8\n");
        e = assertThrows(HistoryFormatException.class, () -> HistoryAppender.append(h, noColumn, OnDuplicate.ERROR, false, msg -> { }));
        assertTrue(e.getMessage().startsWith(noColumn + ":1: no 'accuracy' column"), e.getMessage());
        Path badNumber = write("d.csv", "dataset,model,params_m,accuracy\npets,vit,big,0.8\n");
        e = assertThrows(HistoryFormatException.class, () -> HistoryAppender.append(h, badNumber, OnDuplicate.ERROR, false, msg -> { }));
        assertTrue(e.getMessage().startsWith(badNumber + ":2:3: column 'params_m'"), e.getMessage());
        assertThrows(HistoryFormatException.class,
                () -> HistoryAppender.append(h, dir.resolve("absent.csv"), OnDuplicate.ERROR, false, msg -> { }));
        assertUnchanged(h, before);
    }

    @Test
    void duplicateAgainstTheHistoryIsAnErrorNamingBothFilesByDefault() throws Exception {
        Path h = write("h.csv", HISTORY);
        byte[] before = Files.readAllBytes(h);
        Path jobs = write("j.csv", "dataset,model,accuracy\npets,vit,0.8\ncifar,vit,0.95\n");
        HistoryFormatException e = assertThrows(HistoryFormatException.class,
                () -> HistoryAppender.append(h, jobs, OnDuplicate.ERROR, false, msg -> { }));
        assertEquals(jobs + ":3: job (dataset 'cifar', model 'vit') is already in " + h
                + ":3 (choose --on-duplicate first|mean|replace)", e.getMessage());
        Path twice = write("k.csv", "dataset,model,accuracy\npets,vit,0.8\npets,vit,0.82\n");
        e = assertThrows(HistoryFormatException.class, () -> HistoryAppender.append(h, twice, OnDuplicate.ERROR, false, msg -> { }));
        assertTrue(e.getMessage().contains("is already in " + twice + ":2"), e.getMessage());
        assertUnchanged(h, before);
    }

    @Test
    void firstSkipsMeanKeepsBothReplaceSwapsTheOldRow() throws Exception {
        Path jobs = write("j.csv", "dataset,model,accuracy\npets,vit,0.8\ncifar,vit,0.7\n");

        Path first = write("first.csv", HISTORY);
        AppendResult f = HistoryAppender.append(first, jobs, OnDuplicate.FIRST, false, msg -> { });
        assertEquals(1, f.appended());
        assertEquals(1, f.skipped());
        assertEquals(HISTORY + "pets,vit,,0.8,\n", Files.readString(first));

        Path mean = write("mean.csv", HISTORY);
        AppendResult m = HistoryAppender.append(mean, jobs, OnDuplicate.MEAN, false, msg -> { });
        assertEquals(2, m.appended());
        assertEquals(4, m.jobs());
        Job cifarVit = HistoryReader.read(mean, ReadOptions.defaults().withOnDuplicate(OnDuplicate.MEAN)).jobs().stream().filter(j -> j.dataset().equals("cifar") && j.model().equals("vit"))
                .findFirst().orElseThrow();
        assertEquals(0.8, cifarVit.accuracy(), 1e-12);
        assertTrue(Files.readString(mean).startsWith(HISTORY), "raw rows kept");

        Path replace = write("replace.csv", HISTORY.replace("\n", "\r\n"));
        AppendResult r = HistoryAppender.append(replace, jobs, OnDuplicate.REPLACE, false, msg -> { });
        assertEquals(2, r.appended());
        assertEquals(1, r.replaced());
        assertEquals(("dataset,model,params_m,accuracy,source\ncifar,resnet,11,0.8,paper\npets,resnet,11,0.7,paper\n"
                + "pets,vit,,0.8,\ncifar,vit,,0.7,\n").replace("\n", "\r\n"), Files.readString(replace));
    }

    @Test
    void historyThatAlreadyHasDuplicatesIsReportedWithItsOwnLines() throws Exception {
        Path h = write("h.csv", HISTORY + "cifar,resnet,11,0.82,rerun\n");
        byte[] before = Files.readAllBytes(h);
        Path jobs = write("j.csv", "dataset,model,accuracy\nnew,vit,0.5\n");
        HistoryFormatException e = assertThrows(HistoryFormatException.class,
                () -> HistoryAppender.append(h, jobs, OnDuplicate.ERROR, false, msg -> { }));
        assertTrue(e.getMessage().startsWith(h + ":5: duplicate job"), e.getMessage());
        assertUnchanged(h, before);
        assertEquals(3, HistoryAppender.append(h, jobs, OnDuplicate.MEAN, false, msg -> { }).datasets());
    }

    @Test
    void replaceWhenReadingKeepsTheLastRow() throws Exception {
        Path h = write("h.csv", "dataset,model,accuracy\ncifar,vit,0.5\ncifar,vit,0.6\n");
        TrainingHistory t = HistoryReader.read(h, ReadOptions.defaults().withOnDuplicate(OnDuplicate.REPLACE));
        assertEquals(1, t.size());
        assertEquals(0.6, t.jobs().get(0).accuracy());
    }

    @Test
    void aHistoryInAMissingFolderIsRefusedAndNoFolderIsCreated() throws Exception {
        Path jobs = write("j.csv", "dataset,model,accuracy\npets,vit,0.8\n");
        Path h = dir.resolve("typo/dir/h.csv");
        HistoryFormatException e = assertThrows(HistoryFormatException.class,
                () -> HistoryAppender.append(h, jobs, OnDuplicate.ERROR, false, msg -> { }));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("typo")));
    }

    @Test
    void aHistoryWithABytethatIsNotUtf8IsRefusedWithItsLineAndKeptByteForByte() throws Exception {
        Path h = dir.resolve("h.csv");
        byte[] before = (HISTORY + "caf\u00e9,resnet,11,0.5,x\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] latin1 = java.util.Arrays.copyOf(before, before.length);
        int e9 = (HISTORY + "caf").length();
        latin1[e9] = (byte) 0xE9;
        latin1 = java.util.Arrays.copyOf(latin1, latin1.length - 1);
        latin1[latin1.length - 1] = '\n';
        byte[] bad = java.util.Arrays.copyOfRange(latin1, 0, latin1.length);
        Files.write(h, bad);
        Path jobs = write("j.csv", "dataset,model,accuracy\npets,vit,0.8\n");
        HistoryFormatException e = assertThrows(HistoryFormatException.class,
                () -> HistoryAppender.append(h, jobs, OnDuplicate.ERROR, false, msg -> { }));
        assertTrue(e.getMessage().startsWith(h + ":5: not UTF-8"), e.getMessage());
        assertUnchanged(h, bad);
        e = assertThrows(HistoryFormatException.class, () -> HistoryReader.read(h, ReadOptions.defaults()));
        assertTrue(e.getMessage().startsWith(h + ":5: not UTF-8"), e.getMessage());
    }

    @Test
    void newJobsThatAreNotUtf8AreRefused() throws Exception {
        Path h = write("h.csv", HISTORY);
        Path jobs = dir.resolve("j.csv");
        Files.write(jobs, new byte[] {'d', 'a', 't', 'a', 's', 'e', 't', ',', 'm', 'o', 'd', 'e', 'l', ',', 'a', 'c', 'c',
            'u', 'r', 'a', 'c', 'y', '\n', 'p', (byte) 0xFF, ',', 'v', ',', '0', '.', '5', '\n'});
        HistoryFormatException e = assertThrows(HistoryFormatException.class,
                () -> HistoryAppender.append(h, jobs, OnDuplicate.ERROR, false, msg -> { }));
        assertTrue(e.getMessage().startsWith(jobs + ":2: not UTF-8"), e.getMessage());
    }

    @Test
    void replaceKeepsEveryOtherByteOfTheHistoryIncludingNonAsciiAndAByteOrderMark() throws Exception {
        Path h = dir.resolve("h.csv");
        String text = "\uFEFF" + HISTORY + "caf\u00e9 \u2603 \uD83D\uDE00,resnet,11,0.5,\"multi\nline\"\npets,vit,86,0.6,x";
        Files.writeString(h, text);
        Path jobs = write("j.csv", "dataset,model,accuracy\ncifar,vit,0.95\n");
        AppendResult r = HistoryAppender.append(h, jobs, OnDuplicate.REPLACE, false, msg -> { });
        assertEquals(1, r.replaced());
        assertEquals(text.replace("cifar,vit,86,0.9,paper\n", "") + "\ncifar,vit,,0.95,\n", Files.readString(h));
        assertEquals(5, r.jobs());
    }
}
