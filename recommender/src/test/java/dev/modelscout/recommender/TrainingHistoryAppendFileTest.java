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
        assertEquals(5, r.history().size());
        assertEquals(List.of("cifar", "pets"), r.history().datasets());
        assertEquals(r.history().sha256(), HistoryReader.read(h, ReadOptions.defaults()).sha256());
    }

    @Test
    void createsAMissingHistoryWithTheSchemaHeaderAndTheExtraColumns() throws Exception {
        Path h = dir.resolve("sub/new.csv");
        Path jobs = write("recs.csv", "rank,dataset,model,accuracy\n1,pets,vit,91.5\n");
        AppendResult r = HistoryAppender.append(h, jobs, OnDuplicate.ERROR, true, msg -> { });
        assertTrue(r.created());
        List<String> header = r.history().columns();
        assertEquals(HistorySchema.COLUMNS, header.subList(0, HistorySchema.COLUMNS.size()));
        assertEquals(List.of("rank"), header.subList(HistorySchema.COLUMNS.size(), header.size()));
        assertEquals(0.915, r.history().jobs().get(0).accuracy(), 1e-15);
        assertEquals("0.915", r.history().jobs().get(0).cell("accuracy"), "percent written as an exact fraction");
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
        assertEquals(4, m.history().size());
        Job cifarVit = m.history().jobs().stream().filter(j -> j.dataset().equals("cifar") && j.model().equals("vit"))
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
        assertEquals(3, HistoryAppender.append(h, jobs, OnDuplicate.MEAN, false, msg -> { }).history().datasets().size());
    }

    @Test
    void replaceWhenReadingKeepsTheLastRow() throws Exception {
        Path h = write("h.csv", "dataset,model,accuracy\ncifar,vit,0.5\ncifar,vit,0.6\n");
        TrainingHistory t = HistoryReader.read(h, ReadOptions.defaults().withOnDuplicate(OnDuplicate.REPLACE));
        assertEquals(1, t.size());
        assertEquals(0.6, t.jobs().get(0).accuracy());
    }
}
