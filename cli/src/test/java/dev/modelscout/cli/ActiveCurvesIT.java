package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate --protocol active} with learning curves, end to end through the command line, on
 * {@link SyntheticHistory} (5 datasets x 9 models) and planted curves of two seeds and two epochs: the first epoch
 * ranks the backbones in reverse of their final accuracy except the best, so "1 epoch, then the best 1" always
 * finds the planted best.
 */
class ActiveCurvesIT {

    @TempDir
    Path dir;

    private static String curves(Path history) throws Exception {
        StringBuilder sb = new StringBuilder("dataset,model,seed,epoch,val_accuracy\n");
        List<String> lines = Files.readAllLines(history);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            double acc = Double.parseDouble(c[6]);
            int m = Integer.parseInt(c[3].substring("model".length()));
            double first = m == 8 ? 0.9 : 0.5 - 0.01 * m;
            for (int seed = 0; seed < 2; seed++) {
                sb.append(c[0]).append(',').append(c[3]).append(',').append(seed).append(",1,").append(first).append('\n');
                sb.append(c[0]).append(',').append(c[3]).append(',').append(seed).append(",2,").append(acc).append('\n');
            }
        }
        return sb.toString();
    }

    private CliTest evaluate(Path history, String... more) {
        List<String> args = new ArrayList<>(List.of("evaluate", "--protocol", "active", "--history", history.toString(),
                "--recommender", "lr", "--no-tune", "--no-baseline"));
        args.addAll(List.of(more));
        return CliTest.run(args.toArray(String[]::new));
    }

    @Test
    void theCurvesBesideTheHistoryAddTheOrdersInBackboneEpochsToTheTableAndTheJson() throws Exception {
        Path h = SyntheticHistory.write(dir);
        Files.writeString(dir.resolve("history-curves.csv"), curves(h));
        Path out = dir.resolve("r.json");
        CliTest r = evaluate(h, "--out", out.toString()).expectExit(0)
                .expectErr("learning curves: " + dir.resolve("history-curves.csv"))
                .expectOut("2 epochs, 2 seeds, 5 datasets").expectOut("one_epoch_top_1").expectOut("successive_halving");
        JsonNode f = new ObjectMapper().readTree(out.toFile()).path("active").path("fidelity");
        assertEquals(2, f.path("epochs").asInt(), r.out());
        JsonNode top1 = null;
        for (JsonNode o : f.path("orders")) {
            if (o.path("order").asText().equals("one_epoch_top_1")) {
                top1 = o;
            }
        }
        assertEquals(9 + 1, top1.path("cost").asDouble(), 1e-9, "one epoch of 9, one more of the best");
        assertEquals(0, top1.path("final_regret").asDouble(), 1e-9);
        assertEquals(1, top1.path("picked_best").asDouble(), 1e-9);
        assertEquals("multi_fidelity", top1.path("kind").asText());
        assertTrue(f.path("budgets").isArray() && f.path("budgets").size() > 0);
    }

    @Test
    void withoutCurvesTheyAreLeftOutWithOneNote() throws Exception {
        Path h = SyntheticHistory.write(dir);
        Path out = dir.resolve("r.json");
        CliTest r = evaluate(h, "--out", out.toString()).expectExit(0)
                .expectErr("note: no learning curves (" + dir.resolve("history-curves.csv") + " not found");
        assertFalse(r.out().contains("successive_halving"));
        assertTrue(new ObjectMapper().readTree(out.toFile()).path("active").path("fidelity").isMissingNode());
    }

    @Test
    void aBadCurvesFileIsOneErrorNamingItsLine() throws Exception {
        Path h = SyntheticHistory.write(dir);
        Path c = dir.resolve("mine.csv");
        Files.writeString(c, "dataset,model,seed,epoch,val_accuracy\nds0,model0,0,1,0.4\nds0,model0,0,2,high\n");
        CliTest r = evaluate(h, "--curves", c.toString()).expectExit(1);
        assertEquals(List.of("error: " + c + ":3:5: column 'val_accuracy': 'high' is not a number in [0,1]"),
                r.err().lines().filter(l -> !l.isBlank()).toList());
        evaluate(h, "--curves", dir.resolve("none.csv").toString()).expectExit(1)
                .expectErr(dir.resolve("none.csv") + ": learning curves not found");
    }
}
