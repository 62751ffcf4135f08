package dev.modelscout.cli;

import dev.modelscout.workflow.EmbeddedWorld;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelscout.recommender.HistoryReader;
import dev.modelscout.recommender.Job;
import dev.modelscout.recommender.ReadOptions;
import dev.modelscout.recommender.TrainingHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code select} end to end on a tiny folder with the embedded zoo: killed during its second fine-tune, resumed. */
class SelectIT {

    @TempDir
    Path dir;

    /** 3 classes x 8 images of the embedded world's sample target. */
    private Path tinyFolder() throws IOException {
        Path sample = EmbeddedWorld.locate().sampleImages();
        Path tiny = dir.resolve("tiny");
        List<Path> classes;
        try (Stream<Path> s = Files.list(sample)) {
            classes = s.filter(Files::isDirectory).sorted().limit(3).toList();
        }
        for (Path c : classes) {
            Path to = Files.createDirectories(tiny.resolve(c.getFileName().toString()));
            try (Stream<Path> s = Files.list(c)) {
                for (Path f : s.sorted().limit(8).toList()) {
                    Files.copy(f, to.resolve(f.getFileName().toString()));
                }
            }
        }
        return tiny;
    }

    private List<String> args(Path images) {
        return List.of("--device", "cpu", "select", "--images", images.toString(), "--budget", "2", "--epochs", "1",
                "--threads", "1", "--out", dir.resolve("out").toString(), "--cache", dir.resolve("cache").toString());
    }

    @Test
    void outputsInAMissingFolderAreRefusedBeforeAnyWorkAndNothingIsCreated() throws Exception {
        Path images = tinyFolder();
        Path missing = dir.resolve("typo");
        CliTest.run("--device", "cpu", "select", "--images", images.toString(), "--budget", "1", "--out",
                missing.resolve("out").toString()).expectExit(2).expectErr("the folder " + missing + " does not exist");
        CliTest.run("--device", "cpu", "select", "--images", images.toString(), "--budget", "1", "--out",
                dir.resolve("out").toString(), "--history", missing.resolve("h.csv").toString()).expectExit(2);
        CliTest.run("--device", "cpu", "select", "--images", images.toString(), "--budget", "1", "--out",
                dir.resolve("out").toString(), "--dataset-id", " ").expectExit(2);
        assertTrue(Files.notExists(missing), "no folder created");
        assertTrue(Files.notExists(dir.resolve("out")), "nothing written before the checks");
    }

    @Test
    void killedDuringItsSecondFineTuneAndRunAgainItFinishesWithoutRepeatingAJob() throws Exception {
        Path images = tinyFolder();
        int worldJobs = HistoryReader.read(EmbeddedWorld.locate().history(), ReadOptions.defaults()).size();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args(images));
        Path log = dir.resolve("run.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
        while (p.isAlive() && System.nanoTime() < deadline
                && !(Files.exists(log) && Files.readString(log).contains("round 2: fine-tuning"))) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "still running when its second fine-tune started: " + Files.readString(log));
        p.destroyForcibly().waitFor();
        Path history = dir.resolve("out").resolve("history.csv");
        List<Job> first = jobsOf(history);
        assertEquals(1, first.size(), "killed during the second fine-tune: only the first job is in the history");

        CliTest r = CliTest.run(args(images).toArray(String[]::new)).expectExit(0).expectOut("stopped: budget: 2")
                .expectOut("best backbone:");
        assertTrue(r.err().contains("round 2: fine-tuning"), "the rounds go to stderr: " + r.err());
        assertTrue(!r.err().contains("round 1: fine-tuning"), "the first fine-tune is not repeated: " + r.err());
        assertTrue(!r.out().contains("round "), "stdout has the result only: " + r.out());
        List<Job> after = jobsOf(history);
        assertEquals(2, after.size());
        assertEquals(first.get(0).model(), after.get(0).model());
        assertEquals(2, new HashSet<>(after.stream().map(Job::model).toList()).size(), "two different backbones");
        TrainingHistory h = HistoryReader.read(history, ReadOptions.defaults());
        int world = HistoryReader.read(EmbeddedWorld.locate().history(), ReadOptions.defaults()).size();
        assertEquals(world + 2, h.size(), "the world's jobs and the two new ones");
        assertEquals(worldJobs, world, "the embedded history is never written");
        JsonNode out = new ObjectMapper().readTree(dir.resolve("out").resolve("select.json").toFile());
        assertEquals(2, out.get("fine_tunes").asInt());
        assertTrue(out.get("modelscout_version").isTextual() && out.get("created_at").isTextual(), out.toString());

        // Done: a rerun fine-tunes nothing and, for machines, lists every fine-tune as a row on stdout.
        List<String> again = new java.util.ArrayList<>(args(images));
        again.addAll(List.of("--format", "csv"));
        CliTest csv = CliTest.run(again.toArray(String[]::new)).expectExit(0).expectErr("stopped: budget: 2");
        List<String> lines = csv.out().lines().toList();
        assertEquals("round,model,accuracy,predicted,low,high,best_model,best_accuracy,stop_probability,stop", lines.get(0));
        assertEquals(3, lines.size(), csv.out());
        assertEquals(after.get(1).model(), lines.get(2).split(",")[1], csv.out());
        assertEquals(after.get(1).model(), out.get("rounds").get(out.get("rounds").size() - 1).get("tried").get(0).asText());
    }

    @Test
    void parallelTwoFineTunesBothBackbonesOfARoundInProcessesOfTheirOwnAndAppendsBoth() throws Exception {
        Path images = tinyFolder();
        List<String> a = new ArrayList<>(args(images));
        a.set(a.indexOf("--threads") + 1, "2");
        a.addAll(List.of("--parallel", "2"));
        CliTest r = CliTest.run(a.toArray(String[]::new)).expectExit(0).expectOut("stopped: budget: 2");
        List<Job> jobs = jobsOf(dir.resolve("out").resolve("history.csv"));
        assertEquals(2, jobs.size(), r.out());
        for (Job j : jobs) {
            Path log = dir.resolve("out").resolve("logs").resolve(j.model() + ".log");
            r.expectErr("round 1: fine-tuning " + j.model()).expectErr("in a process of its own with 1 thread (log: "
                    + log + ")").expectErr("round 1: " + j.model() + " fine-tuned"); // the rounds go to stderr
            String text = Files.readString(log);
            assertTrue(text.contains("fine-tuning " + j.model() + ":") && text.contains("appended"), text);
            assertTrue(Files.isDirectory(dir.resolve("out").resolve("weights").resolve(j.model())), "weights saved");
        }
        JsonNode out = new ObjectMapper().readTree(dir.resolve("out").resolve("select.json").toFile());
        assertEquals(1, out.get("rounds").size(), "one round of two");
        assertEquals(2, out.get("rounds").get(0).get("tried").size());
        assertEquals(2, out.get("fine_tunes").asInt());
    }

    private static List<Job> jobsOf(Path history) {
        return HistoryReader.read(history, ReadOptions.defaults()).jobs().stream()
                .filter(j -> j.dataset().equals("tiny")).toList();
    }
}
