package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --format, --columns, the width and --out - through the command line (zoo list and predict: no natives). */
class FormatOptionTest {

    @TempDir
    Path dir;

    @AfterEach
    void detectTheWidthAgain() {
        TerminalWidth.override = null;
    }

    @Test
    void zooListWritesCsvAndJsonWithEveryColumnAtFullPrecision() throws Exception {
        CliTest csv = CliTest.run("zoo", "list", "--format", "csv").expectExit(0);
        List<String> lines = csv.out().lines().toList();
        assertEquals("id,arch,pretrain,input,dim,gmacs,params_m,weights", lines.get(0));
        assertEquals(21, lines.size(), csv.out());
        assertTrue(lines.stream().skip(1).allMatch(l -> l.split(",", -1).length == 8), csv.out());
        JsonNode json = new ObjectMapper().readTree(CliTest.run("zoo", "list", "--format", "json").expectExit(0).out());
        assertEquals(20, json.size());
        assertTrue(json.get(0).get("params_m").isNumber() && json.get(0).get("input").isInt(), json.get(0).toString());
    }

    @Test
    void aNarrowTerminalGetsTheColumnsThatFitAndANoteNamingTheRest() {
        TerminalWidth.override = 70;
        CliTest r = CliTest.run("zoo", "list").expectExit(0);
        assertTrue(r.out().lines().allMatch(l -> l.length() <= 70), r.out());
        r.expectErr("left out to fit the width (weights");
        assertTrue(r.out().contains("77.4K"), "parameters read as thousands:\n" + r.out());
        TerminalWidth.override = 0;
        CliTest wide = CliTest.run("zoo", "list").expectExit(0);
        assertTrue(wide.out().contains("weights"), wide.out());
        assertFalse(wide.err().contains("left out"), wide.err());
    }

    @Test
    void columnsChoosesAndOrders() {
        TerminalWidth.override = 20;
        CliTest r = CliTest.run("zoo", "list", "--columns", "params,id").expectExit(0);
        assertEquals("params  id", r.out().lines().findFirst().orElseThrow().stripTrailing());
        CliTest.run("zoo", "list", "--columns", "nope").expectExit(2).expectErr("allowed: id, arch, pretrain");
        CliTest.run("zoo", "list", "--columns", "id,nope").expectExit(0).expectErr("warning: --columns: no column nope");
        CliTest.run("zoo", "list", "--format", "yaml").expectExit(2).expectErr("--format yaml: unknown format");
    }

    @Test
    void predictWritesItsRowsToStdoutWithOutDashAndItsTableAsJson() throws Exception {
        Path h = SyntheticHistory.write(dir);
        Path model = dir.resolve("model.json");
        CliTest.run("train", "--history", h.toString(), "--recommender", "lr", "--out", model.toString()).expectExit(0);
        Path rows = dir.resolve("rows.csv");
        Files.writeString(rows, "dataset,dataset_size,num_classes,model,arch_family,params_m\n"
                + "new,3000,12,model8,convnext,13\nnew,3000,12,model0,vit,5\n");
        CliTest dash = CliTest.run("predict", "--model", model.toString(), "--rows", rows.toString(), "--out", "-")
                .expectExit(0);
        Path file = dir.resolve("p.csv");
        CliTest.run("predict", "--model", model.toString(), "--rows", rows.toString(), "--out", file.toString())
                .expectExit(0);
        assertEquals(Files.readString(file), dash.out(), "--out - writes what --out FILE writes");
        dash.expectErr("rows predicted");
        JsonNode j = new ObjectMapper().readTree(CliTest.run("predict", "--model", model.toString(), "--rows",
                rows.toString(), "--format", "json").expectExit(0).out());
        assertEquals("model8", j.get(0).get("model").asText());
        assertTrue(j.get(0).get("predicted").isDouble() && j.get(0).get("actual").isNull(), j.toString());
    }

    @Test
    void jobsStatusWritesOneRowPerCellForMachines() throws Exception {
        dev.modelscout.workflow.cluster.PlanFixture f = new dev.modelscout.workflow.cluster.PlanFixture(dir);
        dev.modelscout.workflow.cluster.JobPlan plan = f.plan(dir.resolve("plan"), 2);
        CliTest people = CliTest.run("jobs", "status", "--plan", plan.dir().toString()).expectExit(0);
        people.expectOut("pending " + plan.cells().size());
        CliTest csv = CliTest.run("jobs", "status", "--plan", plan.dir().toString(), "--format", "csv").expectExit(0);
        List<String> lines = csv.out().lines().toList();
        assertEquals("cell,dataset,model,shard,state,interrupted,note", lines.get(0));
        assertEquals(plan.cells().size() + 1, lines.size(), csv.out());
        assertTrue(lines.get(1).contains(",pending,false,"), csv.out());
        csv.expectErr("pending " + plan.cells().size());
        JsonNode json = new ObjectMapper().readTree(CliTest.run("jobs", "status", "--plan", plan.dir().toString(),
                "--format", "json").expectExit(0).out());
        assertTrue(json.get(0).get("interrupted").isBoolean() && json.get(0).get("shard").isInt(), json.toString());
    }

    @Test
    void evaluateWritesItsPerDatasetRowsForMachinesAndItsJsonToStdout() throws Exception {
        Path h = SyntheticHistory.write(dir);
        CliTest csv = CliTest.run("evaluate", "--history", h.toString(), "--recommender", "lr", "--features", "d,m",
                "--test-datasets", "ds1,ds2", "--format", "csv").expectExit(0);
        List<String> lines = csv.out().lines().toList();
        assertEquals("dataset,split,n,pearson,spearman,kendall,weighted_tau,weighted_tau_rank_none,regret,hit_at_k",
                lines.get(0));
        assertEquals(3, lines.size(), csv.out());
        assertTrue(lines.get(1).startsWith("ds1,,9,"), csv.out());
        csv.expectErr("popularity");
        CliTest json = CliTest.run("evaluate", "--history", h.toString(), "--recommender", "lr", "--features", "d,m",
                "--test-datasets", "ds1,ds2", "--out", "-").expectExit(0);
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertEquals("leave-one-dataset-out", doc.get("protocol").asText());
        assertEquals(2, doc.get("per_dataset").size());
    }

    @Test
    void trainWritesAutosInnerCandidatesForMachines() throws Exception {
        Path h = SyntheticHistory.write(dir);
        CliTest r = CliTest.run("train", "--history", h.toString(), "--out", dir.resolve("m.json").toString(), "--format",
                "json").expectExit(0);
        JsonNode rows = new ObjectMapper().readTree(r.out());
        assertEquals("popularity", rows.get(0).get("candidate").asText());
        assertEquals(1, java.util.stream.StreamSupport.stream(rows.spliterator(), false)
                .filter(x -> x.get("chosen").asBoolean()).count(), rows.toString());
        assertTrue(rows.get(0).get("inner_score").isNumber(), rows.toString());
        r.expectErr("auto chose");
    }
}
