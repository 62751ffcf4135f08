package dev.modelscout.workflow.cluster;

import dev.modelscout.core.ModelScoutException;
import dev.modelscout.recommender.HistorySchema;
import dev.modelscout.recommender.Job;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * A plan over small real image folders and a zoo whose "weights" are small files that are hashed, never loaded:
 * plan, run, status and merge work without natives. Cells are computed by {@link #runner}, a fake that records
 * the cells it computes and gives each a score derived from its index (and can fail chosen models).
 */
public final class PlanFixture {

    final Path root;
    public final Path zoo;
    final List<Path> datasets = new ArrayList<>();
    final List<String> computed = Collections.synchronizedList(new ArrayList<>());
    final List<String> failModels = new ArrayList<>();
    final AtomicInteger calls = new AtomicInteger();

    public PlanFixture(Path root) throws IOException {
        this.root = root;
        Path zooDir = Files.createDirectories(root.resolve("zoo"));
        StringBuilder csv = new StringBuilder("id,arch_family,weights,crop\n");
        for (String m : List.of("alpha", "beta", "gamma")) {
            Files.write(zooDir.resolve(m + ".pt"), ("weights of " + m).getBytes());
            csv.append(m).append(",cnn,").append(m).append(".pt,32\n");
        }
        zoo = zooDir.resolve("zoo.csv");
        Files.writeString(zoo, csv);
        for (String d : List.of("Pets", "Flowers")) {
            Path dir = root.resolve("data").resolve(d);
            images(dir, 2, 3);
            datasets.add(dir);
        }
    }

    /** A planned ImageFolder: classes x perClass small PNGs. */
    static void images(Path dir, int classes, int perClass) throws IOException {
        for (int c = 0; c < classes; c++) {
            Path cd = Files.createDirectories(dir.resolve("class" + c));
            for (int i = 0; i < perClass; i++) {
                BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
                Random r = new Random(31L * c + i);
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        img.setRGB(x, y, r.nextInt(1 << 24));
                    }
                }
                ImageIO.write(img, "png", cd.resolve("img" + i + ".png").toFile());
            }
        }
    }

    CellOptions options() {
        return new CellOptions(List.of("logme"), 0, 64, 0, 0, 32, 0, false, null);
    }

    SlurmSettings slurm() {
        return new SlurmSettings("01:00:00", "4G", 2, 0, null, null, 0, List.of(), "/opt/modelscout/bin/modelscout",
                null, "cpu");
    }

    /** Plans every dataset x model into {@code out} (relative paths given relative to the working folder). */
    public JobPlan plan(Path out, Integer shards) {
        List<Planner.DatasetSpec> specs = datasets.stream().map(d -> new Planner.DatasetSpec(null, d)).toList();
        return Planner.plan(new Planner.Request(out, zoo, specs, List.of(), TaskKind.SCORE, options(), null, shards,
                Planner.DEFAULT_MAX_SHARDS, slurm(), "test"), new Fingerprints());
    }

    /** The fake score runner: logme = the cell's index + 0.5, or a failure for the models in {@link #failModels}. */
    CellRunner runner() {
        return (cell, in) -> {
            calls.incrementAndGet();
            computed.add(cell.id());
            if (failModels.contains(cell.model())) {
                throw new ModelScoutException("model " + cell.model() + ": planted failure\nsecond line");
            }
            double v = cell.index() + 0.5;
            Job row = new Job(in.source(), cell.index() + 1, cell.dataset(), cell.model(), Double.NaN,
                    Map.of(HistorySchema.ARCH_FAMILY, "cnn"), Map.of(HistorySchema.scoreColumn("logme"), v,
                    HistorySchema.DATASET_SIZE, (double) in.dataset().images()));
            return new CellOutcome(Map.of("logme", v), Double.NaN, row, Map.of("features_s", 0.0), "cpu", Map.of());
        };
    }

    ShardRunner shardRunner(JobPlan plan, Map<String, String> env) {
        return new ShardRunner(plan, Map.of(TaskKind.SCORE, runner()), new Fingerprints(), env, line -> { }, false);
    }

    /** Runs every shard of {@code of} in turn, as a shell loop would. */
    public void runAll(JobPlan plan, int of) {
        for (int i = 0; i < of; i++) {
            shardRunner(plan, Map.of()).run(i, of, true);
        }
    }
}
