package dev.modelscout.cli;

import dev.modelscout.engine.ImageDataset;
import dev.modelscout.recommender.Calibration;
import dev.modelscout.recommender.HistorySchema;
import dev.modelscout.recommender.PredictionIntervals;
import dev.modelscout.recommender.Prediction;
import dev.modelscout.recommender.RecommendationWriter;
import dev.modelscout.recommender.Recommender;
import dev.modelscout.workflow.EmbeddedWorld;
import dev.modelscout.workflow.recommend.ChosenRecommender;
import dev.modelscout.workflow.recommend.RecommendReportData;
import dev.modelscout.workflow.recommend.RecommendRequest;
import dev.modelscout.workflow.recommend.RecommendRun;
import dev.modelscout.workflow.recommend.RecommendationPipeline;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modelscout recommend}: the end-to-end job. Extracts features of every zoo backbone on an image
 * folder (cached), computes the transferability scores the recommender reads, and ranks the backbones by
 * predicted fine-tuned accuracy.
 */
@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = "Recommend which zoo backbones to fine-tune on an image dataset. Extracts features (cached), "
                + "computes transferability scores and ranks the backbones by the fine-tuned accuracy a "
                + "recommender predicts. The recommender is --model (saved by train), or trained now on --history, "
                + "or by default the embedded world's (trained on its history), or for --images with a --zoo of your "
                + "own the one trained on the public TransferGraph history (docs/recommender.md).")
final class RecommendCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    @Mixin
    DeviceOption device;

    @Mixin
    ScoringDeviceOption scoringDevice;

    @Mixin
    ImageSourceOptions source;

    @Mixin
    RecommenderSource recommenderSource;

    @Mixin
    RecommendReportOptions report;

    @Mixin
    TableOptions table;

    @Option(names = "--dataset-id", paramLabel = "NAME",
            description = "Id of the target dataset in the candidate rows. Default: the folder's name.")
    String datasetId;

    @Option(names = "--scores", paramLabel = "LIST", defaultValue = "logme",
            description = "Scores to compute and show besides those the recommender reads: names separated by commas, "
                    + "'all' (every score computed from features alone) or 'none'. Default: ${DEFAULT-VALUE}.")
    String extraScores;

    @Option(names = "--top", defaultValue = "5", paramLabel = "K", description = "Backbones to show. Default: ${DEFAULT-VALUE}.")
    int top;

    @Option(names = "--out", paramLabel = "FILE.csv|FILE.json|-",
            description = "Write the full ranking (CSV or JSON); - writes it to stdout instead of the table (json with "
                    + "--format json, else csv).")
    Path out;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Feature cache. Default: ~/.cache/modelscout/features/<hash of the image path>.")
    Path cache;

    @Option(names = "--spreadsheet-safe",
            description = "For a CSV --out meant for a spreadsheet: cells that would run as formulas (starting with =, +, -, "
                    + "@; numbers excepted) get a leading ' (OWASP CSV injection). Such a file is not for history append.")
    boolean spreadsheetSafe;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EmbeddedWorld world = source.fillFromWorld(true);
        source.require(spec);
        boolean sampleRun = world != null && source.images.equals(world.sampleImages());
        OptionRanges.atLeast("--top", top, 1, "an integer >= 1");
        List<String> extra = ScoreNames.optional("--scores", extraScores);
        boolean outToStdout = StdoutFile.is(out);
        // With rows for a machine on stdout, the lines for people go to stderr.
        PrintWriter info = table.machine() || outToStdout ? err : o;
        if (out != null && !outToStdout) {
            // Fail on a bad output name before the long work, not after it.
            OutputPaths.require(out, "--out", ".csv", ".json");
        }
        if (cache != null) {
            OutputPaths.requireFolder(cache, "--cache");
        }
        OutputPaths.requireName(datasetId, "--dataset-id");
        report.check(spec, sampleRun ? world.sampleTruth() : null);
        ChosenRecommender chosen = recommenderSource.choose(spec, err, world);
        Recommender recommender = chosen.recommender();
        List<String> scoreNames = RecommendationPipeline.scoresNeeded(recommender, extra);
        String id = datasetId != null ? datasetId : ImageDataset.defaultId(source.images);
        if (recommender.knownDatasets().contains(id)) {
            err.println("warning: dataset id '" + id + "' is a dataset of the recommender's training history, so the "
                    + "ranking inherits what it learned of that dataset; pass --dataset-id NAME to choose another"
                    + (datasetId == null ? " (the default id is the folder's name)" : ""));
        }
        Map<String, Double> truth = report.truthFor(id);
        RecommendRun run = RecommendationPipeline.run(new RecommendRequest(source.request(cache), id, scoreNames, chosen,
                source.extractionOptions(spec), truth != null), GlobalOptions.of(spec).overlap(),
                ProgressReporter.forConsole(spec));
        info.println("dataset " + run.datasetId() + ": " + run.predictions().size()
                + " backbones ranked by predicted fine-tuned accuracy");
        if (outToStdout) {
            StdoutFile.write(o, table.format() == Table.Format.JSON ? ".json" : ".csv",
                    f -> RecommendationWriter.write(f, id, run.predictions(), run.scoreNames(), recommender.provenance(),
                            run.intervals(), spreadsheetSafe));
        } else {
            table.print(ranking(run, extra), o, err);
        }
        run.rankNotes().forEach(n -> err.println("note: " + n));
        printInputs(info, run);
        if (truth != null) {
            RankingSummary.print(info, report.truthSource(), RecommendReportData.quality(run, truth),
                    report.truthNoise(id, run.predictions()));
        }
        if (out != null && !outToStdout) {
            RecommendationWriter.write(out, id, run.predictions(), run.scoreNames(), recommender.provenance(),
                    run.intervals(), spreadsheetSafe);
            Wrote.say(err, out);
        }
        report.write(err, run, top);
        o.flush();
        return 0;
    }

    /**
     * The top {@code --top} rows. Columns by what a person needs most when the terminal is narrow: rank, model and
     * the prediction are always kept; then its interval, the scores asked for with --scores, parameters, the
     * pre-training source and family, the scores the recommender reads, the domain distance.
     */
    private Table ranking(RecommendRun run, List<String> extra) {
        List<Prediction> ranked = run.predictions();
        List<String> scoreNames = run.scoreNames();
        PredictionIntervals intervals = run.intervals();
        List<Table.Column> cols = new ArrayList<>(List.of(Table.integer("rank", Table.KEEP), Table.text("model", Table.KEEP),
                Table.number("predicted_accuracy", Table.KEEP).header("predicted"),
                new Table.Column(intervals == null ? "interval" : Math.round(intervals.level() * 100) + "%_interval",
                        intervals == null ? "interval" : Math.round(intervals.level() * 100) + "%_interval",
                        Table.Kind.TEXT_RIGHT, 90),
                Table.text(HistorySchema.ARCH_FAMILY, 40).header("arch"),
                Table.text(HistorySchema.PRETRAIN_DATASET, 45).header("pretrain"),
                Table.millions(HistorySchema.PARAMS_M, 50).header("params")));
        for (int i = 0; i < scoreNames.size(); i++) {
            String s = scoreNames.get(i);
            // asked for (--scores) before those the recommender reads; among each, the first kept longest
            int priority = (extra.contains(s) ? 70 : 30) - Math.min(i, 9);
            cols.add(Table.number(HistorySchema.scoreColumn(s), priority).header(s));
        }
        boolean distances = ranked.stream().anyMatch(p -> !Double.isNaN(p.row().number(HistorySchema.DOMAIN_DISTANCE)));
        if (distances) {
            cols.add(Table.number(HistorySchema.DOMAIN_DISTANCE, 10).header("domain_dist"));
        }
        Table t = Table.of(cols.toArray(Table.Column[]::new));
        for (Prediction p : ranked.subList(0, Math.min(top, ranked.size()))) {
            List<Object> row = new ArrayList<>(List.of(p.rank(), p.model(), Calibration.clip(p.predicted()),
                    intervalText(intervals, p.model()), p.row().cell(HistorySchema.ARCH_FAMILY),
                    p.row().cell(HistorySchema.PRETRAIN_DATASET), p.row().number(HistorySchema.PARAMS_M)));
            for (String s : scoreNames) {
                row.add(p.row().number(HistorySchema.scoreColumn(s)));
            }
            if (distances) {
                row.add(p.row().number(HistorySchema.DOMAIN_DISTANCE));
            }
            t.row(row.toArray());
        }
        return t;
    }

    /** The task difficulty of the target and the columns the recommender read. */
    private static void printInputs(PrintWriter o, RecommendRun run) {
        List<Prediction> ranked = run.predictions();
        Recommender recommender = run.recommender().recommender();
        if (ranked.isEmpty()) {
            return;
        }
        double probe = ranked.get(0).row().number(HistorySchema.PROBE_ACCURACY);
        if (!Double.isNaN(probe)) {
            o.printf(Locale.ROOT, "task difficulty: probe accuracy %.3f (nearest-centroid, 5-fold, on %s's features)%n",
                    probe, ranked.get(0).row().cell(HistorySchema.PROBE_MODEL));
        }
        Prose.println(o, "the recommender read: " + String.join(", ", recommender.inputColumns()));
    }

    private static String intervalText(PredictionIntervals intervals, String model) {
        if (intervals == null) {
            return null;
        }
        Calibration.Interval in = intervals.of(model);
        return String.format(Locale.ROOT, "%.3f-%.3f%s", in.low(), in.high(), in.outOfDomain() ? " *" : "");
    }

}
