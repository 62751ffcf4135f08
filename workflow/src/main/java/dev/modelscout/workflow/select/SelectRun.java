package dev.modelscout.workflow.select;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.modelscout.core.AtomicFiles;
import dev.modelscout.core.IoErrors;
import dev.modelscout.core.ModelScoutException;
import dev.modelscout.engine.ExtractionListener;
import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.engine.FineTuneListener;
import dev.modelscout.engine.FineTuneOptions;
import dev.modelscout.recommender.Calibration;
import dev.modelscout.recommender.FieldSpec;
import dev.modelscout.recommender.HistoryAppender;
import dev.modelscout.recommender.HistoryReader;
import dev.modelscout.recommender.Job;
import dev.modelscout.recommender.LodoResiduals;
import dev.modelscout.recommender.OnDuplicate;
import dev.modelscout.recommender.Prediction;
import dev.modelscout.recommender.ReadOptions;
import dev.modelscout.recommender.Recommender;
import dev.modelscout.recommender.Trainer;
import dev.modelscout.recommender.TrainingHistory;
import dev.modelscout.recommender.guided.Belief;
import dev.modelscout.recommender.guided.GuidedSearch;
import dev.modelscout.scoring.Scores;
import dev.modelscout.workflow.OverlapPolicy;
import dev.modelscout.workflow.Overlap;
import dev.modelscout.workflow.ZooFeatures;
import dev.modelscout.workflow.finetune.FineTuneRun;
import dev.modelscout.workflow.finetune.FineTuneSettings;
import dev.modelscout.workflow.recommend.ChosenRecommender;
import dev.modelscout.workflow.recommend.RecommendRequest;
import dev.modelscout.workflow.recommend.RecommendRun;
import dev.modelscout.workflow.recommend.RecommendationPipeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code modelscout select}'s job, composed (no picocli): the candidates of every zoo backbone on the target
 * ({@link RecommendationPipeline}), the recommender trained on the history without the target and its
 * leave-one-dataset-out residuals, then round by round the guided loop's choice ({@link GuidedSearch}), a
 * fine-tune through {@link FineTuneRun}, its job appended to the history under its lock
 * ({@link HistoryAppender}), until the budget is spent or the stop rule says stop.
 *
 * <p>Resumable: the target's jobs already in the history are the loop's observations (the loop is a function of
 * them), so a run killed at any moment and started again with the same arguments continues without repeating a
 * finished fine-tune; the state file ({@code select-state.json} in the output folder) keeps every round for
 * {@code --out} and is rewritten atomically after each.
 */
public final class SelectRun {

    /**
     * What to run.
     *
     * @param history  the user's history (written: the target's jobs are appended)
     * @param budget   fine-tunes of this target at most (counting those already in the history)
     * @param parallel fine-tunes chosen per round, run at once (the local executor: one {@code finetune} process
     *                 each, {@link LocalProcesses}, with its share of the threads; Slurm: as one array)
     * @param outDir   state file, fine-tuned weights ({@code weights/<model>}), Slurm plans ({@code plans/})
     * @param slurm    null: fine-tune here; else as Slurm array jobs ({@link SelectSlurm})
     * @param launcher the command that starts modelscout, for the local executor's child processes when
     *                 {@code parallel} is above 1 (null: {@link dev.modelscout.workflow.BuildInfo#launcher()})
     */
    public record Request(Path zoo, Path images, String datasetId, Path history, int budget, int parallel,
                   GuidedSearch.Config search, Trainer trainer, String features, FineTuneOptions options,
                   int perClass, double valFraction, Path outDir, Path cacheDir, SelectSlurm.Settings slurm,
                   List<String> launcher) {
    }

    /** One round as printed and kept in the state file. */
    public record Round(int round, List<String> tried, List<Double> accuracy, List<Double> predicted, List<Double> low,
                 List<Double> high, String bestModel, double bestAccuracy, double stopProbability, boolean stop) {
    }

    /**
     * The end: every round, why it stopped, the best backbone and where its weights are; {@code initial} is the
     * recommendation the loop started from (for the report; not written to select.json).
     */
    public record Result(String dataset, String history, List<Round> rounds, String stopped, String bestModel,
                  double bestAccuracy, String bestWeights, int fineTunes, @JsonIgnore RecommendRun initial) {
    }

    public static final String STATE = "select-state.json";

    /** select.json and the state file: snake_case keys, as every JSON the tool writes. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE);
    /** A state file of an earlier version (camelCase keys), so such a run still resumes. */
    private static final ObjectMapper JSON_CAMEL_CASE = new ObjectMapper();

    private SelectRun() {
    }

    public static Result run(Request r, ExtractionOptions extraction, ExtractionListener extractionListener,
                      FineTuneListener fineTuneListener, PrintWriter o) {
        TrainingHistory all = HistoryReader.read(r.history(), ReadOptions.defaults());
        TrainingHistory others = all.filter(j -> !j.dataset().equals(r.datasetId()));
        if (others.datasets().size() < 2) {
            throw new ModelScoutException(r.history() + ": select needs jobs of 2 or more other datasets than '"
                    + r.datasetId() + "' to learn from (has " + others.datasets().size() + ")");
        }
        FieldSpec features = FieldSpec.defaults().select(FieldSpec.parseFeatures(r.features())).requireColumnsOf(others);
        Recommender recommender = r.trainer().train(others, features);
        o.println("recommender: " + recommender.provenance().trainer() + " trained on " + others.size() + " jobs of "
                + r.history() + " (the target's own jobs are the loop's observations)");
        ChosenRecommender chosen = new ChosenRecommender(recommender, "trained now on " + r.history(),
                r.history().toString(), others, null, 0, null);
        RecommendRun initial = RecommendationPipeline.run(new RecommendRequest(
                new ZooFeatures(r.zoo(), r.images(), List.of(), r.perClass(), r.options().seed(),
                        ZooFeatures.cacheFor(r.cacheDir(), r.perClass(), r.options().seed())),
                r.datasetId(), RecommendationPipeline.scoresNeeded(recommender, List.of()), chosen, extraction, false),
                OverlapPolicy.ofThisMachine(Overlap.AUTO), extractionListener);
        List<Prediction> ranked = initial.predictions();
        List<Job> candidates = ranked.stream().map(Prediction::row).toList();
        LodoResiduals residuals = LodoResiduals.of(others, r.trainer(), features);
        GuidedSearch search = GuidedSearch.of(others, candidates,
                ranked.stream().mapToDouble(Prediction::predicted).toArray(), residuals, r.search());
        double pw = search.recommenderWeight();
        o.println("loop prior: " + (pw == 1 ? "the recommender's predictions" : pw == 0 ? "popularity (mean accuracy on "
                + "the history's datasets)" : String.format(Locale.ROOT, "%.2f x the recommender + %.2f x popularity", pw,
                1 - pw)) + ", stop level " + f(search.config().stopLevel()) + " (chosen by replaying the loop on each of the "
                + "history's datasets)");
        Path statePath = r.outDir().resolve(STATE);
        List<Round> rounds = new ArrayList<>(readRounds(statePath));
        // The target's jobs, read from the history once here and again only after each round appended to it.
        Map<String, Double> observed = observedIn(all, r.datasetId());
        if (!observed.isEmpty()) {
            o.println((rounds.isEmpty() ? "note: the history already has " : "resuming: the history has ") + observed.size()
                    + " fine-tune(s) of '" + r.datasetId() + "' (" + String.join(", ", observed.keySet())
                    + "); they count as this target's fine-tunes and are not repeated");
        }
        String stopped;
        while (true) {
            GuidedSearch.Round round = search.round(observed);
            if (round.stop()) {
                stopped = round.ranking().isEmpty() ? "every backbone of the zoo is fine-tuned"
                        : String.format(Locale.ROOT, "stop rule: no untried backbone is likely to beat the best found by "
                        + "more than %s (highest probability %.3f < %s)", f(r.search().eps()),
                        round.stopProbability(), f(search.config().stopLevel()));
                break;
            }
            if (observed.size() >= r.budget()) {
                stopped = "budget: " + r.budget() + " fine-tunes spent";
                break;
            }
            List<String> next = round.next(Math.min(r.parallel(), r.budget() - observed.size()));
            Belief belief = search.belief(observed);
            List<Double> accs = new ArrayList<>();
            List<Double> predicted = new ArrayList<>();
            List<Double> low = new ArrayList<>();
            List<Double> high = new ArrayList<>();
            List<String> scoreNames = RecommendationPipeline.scoresNeeded(recommender, List.of());
            int threads = RoundFineTunes.threadsEach(r.options().threads(), r.slurm() == null ? next.size() : 1);
            for (String model : next) {
                int i = search.models().indexOf(model);
                double[] in = belief.interval(i, 0.9);
                double mean = Calibration.clip(belief.mean()[i]);
                predicted.add(mean);
                low.add(in[0]);
                high.add(in[1]);
                o.printf(Locale.ROOT, "round %d: fine-tuning %s (predicted %.3f, 90%% interval %.3f-%.3f)%s%n",
                        rounds.size() + 1, model, mean, in[0], in[1],
                        r.slurm() == null && next.size() > 1 ? " in a process of its own with " + threadsText(threads)
                                + " (log: " + LocalProcesses.log(r.outDir(), model) + ")" : "");
                o.flush();
            }
            if (r.slurm() == null) {
                FineTuneOptions o2 = r.options();
                FineTuneSettings settings = new FineTuneSettings(o2.epochs(), o2.learningRate(), o2.batchSize(),
                        o2.momentum(), o2.weightDecay(), o2.seed(), o2.freezeBackbone(), r.valFraction(), null);
                if (next.size() == 1) {
                    String model = next.get(0);
                    FineTuneRun.Outcome outcome = FineTuneRun.run(new FineTuneRun.Request(r.zoo(), model, r.images(),
                            null, r.datasetId(), r.perClass(), settings, new FineTuneRun.Compute(o2.device(), threads,
                            extraction.batchSize(), extraction.strict()),
                            Scores.of(scoreNames, Scores.Options.defaults(), false), r.cacheDir().resolve("finetune")),
                            extractionListener, fineTuneListener, weights(r, model));
                    HistoryAppender.append(r.history(), "select: fine-tune of " + model + " on " + r.datasetId(),
                            List.of(outcome.row()), OnDuplicate.ERROR, m -> { });
                } else {
                    // Up to P at once, each a finetune process that appends its own job under the history's lock
                    // as it ends, so a kill or another fine-tune's failure loses none.
                    List<String> launcher = r.launcher() != null ? r.launcher()
                            : List.of(dev.modelscout.workflow.BuildInfo.launcher());
                    RoundFineTunes.run(next, next.size(), model -> {
                        LocalProcesses.run(model, LocalProcesses.command(launcher, r, model, scoreNames, threads,
                                weights(r, model)), LocalProcesses.log(r.outDir(), model), weights(r, model).getParent(),
                                r.cacheDir());
                        return model;
                    }, (model, done) -> {
                        synchronized (o) {
                            o.println("round " + (rounds.size() + 1) + ": " + model + " fine-tuned");
                            o.flush();
                        }
                    });
                }
            } else {
                SelectSlurm.fineTune(r, r.slurm(), next, rounds.size() + 1, scoreNames, o);
            }
            observed = observed(r.history(), r.datasetId());
            for (String model : next) {
                accs.add(observed.getOrDefault(model, Double.NaN));
            }
            GuidedSearch.Round after = search.round(observed);
            Round done = new Round(rounds.size() + 1, next, accs, predicted, low, high, after.bestModel(),
                    after.bestAccuracy(), after.stopProbability(), after.stop());
            rounds.add(done);
            o.printf(Locale.ROOT, "round %d: %s -> %s; best so far %s %.4f; highest probability of an untried backbone to beat it by > %s: %.3f%n",
                    done.round(), String.join(", ", next), accs.stream().map(SelectRun::f).toList(),
                    done.bestModel(), done.bestAccuracy(), f(r.search().eps()), done.stopProbability());
            o.flush();
            writeRounds(statePath, rounds);
        }
        GuidedSearch.Round last = search.round(observed);
        Path w = last.bestModel() == null ? null : weights(r, last.bestModel());
        Result result = new Result(r.datasetId(), r.history().toString(), rounds, stopped, last.bestModel(),
                last.bestAccuracy(), w != null && Files.exists(w) ? w.toString() : null, observed.size(), initial);
        writeResult(r.outDir().resolve("select.json"), result);
        return result;
    }

    /**
     * The {@code select --report} page's data: the recommend report of the loop's initial ranking (as
     * {@code recommend --report} makes it, {@code top} backbones recommended) and the trajectory of {@code result}.
     */
    public static String reportHtml(Result result, int top) {
        return dev.modelscout.report.HtmlReports.selection(
                dev.modelscout.workflow.recommend.RecommendReportData.of(result.initial(), top, null, null),
                report(result));
    }

    /** The trajectory of {@code result} for {@code select --report}. */
    public static dev.modelscout.report.SelectionReport report(Result result) {
        List<dev.modelscout.report.SelectionReport.Step> steps = new ArrayList<>();
        for (Round round : result.rounds()) {
            for (int i = 0; i < round.tried().size(); i++) {
                steps.add(new dev.modelscout.report.SelectionReport.Step(round.round(), round.tried().get(i),
                        Calibration.clip(round.predicted().get(i)), round.low().get(i), round.high().get(i),
                        round.accuracy().get(i)));
            }
        }
        return new dev.modelscout.report.SelectionReport(result.dataset(), steps, "stopped: " + result.stopped(),
                result.bestModel());
    }

    private static Path weights(Request r, String model) {
        return r.outDir().resolve("weights").resolve(model.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** The target's jobs in the history: model -> accuracy. */
    static Map<String, Double> observed(Path history, String datasetId) {
        return Files.exists(history) ? observedIn(HistoryReader.read(history, ReadOptions.defaults()), datasetId)
                : new LinkedHashMap<>();
    }

    /** The target's jobs in {@code history}: model -> accuracy. */
    private static Map<String, Double> observedIn(TrainingHistory history, String datasetId) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Job j : history.jobs()) {
            if (j.dataset().equals(datasetId)) {
                out.put(j.model(), j.accuracy());
            }
        }
        return out;
    }

    private static List<Round> readRounds(Path state) {
        if (!Files.exists(state)) {
            return List.of();
        }
        try {
            try {
                return List.of(JSON.readValue(state.toFile(), Round[].class));
            } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException camelCase) {
                return List.of(JSON_CAMEL_CASE.readValue(state.toFile(), Round[].class));
            }
        } catch (IOException e) {
            throw new ModelScoutException(state + ": not a select state file: " + IoErrors.reason(e), e);
        }
    }

    private static void writeRounds(Path state, List<Round> rounds) {
        try {
            AtomicFiles.write(state, JSON.writeValueAsString(rounds) + "\n");
        } catch (IOException e) {
            throw new ModelScoutException(state + ": cannot write: " + IoErrors.reason(e), e);
        }
    }

    private static void writeResult(Path file, Result result) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode doc = JSON.createObjectNode();
            dev.modelscout.core.OutputStamp.now().asMap().forEach((k, v) -> doc.put(k, (String) v));
            doc.setAll((com.fasterxml.jackson.databind.node.ObjectNode) JSON.valueToTree(result));
            AtomicFiles.write(file, JSON.writeValueAsString(doc) + "\n");
        } catch (IOException e) {
            throw new ModelScoutException(file + ": cannot write: " + IoErrors.reason(e), e);
        }
    }

    private static String threadsText(int threads) {
        return threads == 0 ? "every core's threads" : threads + (threads == 1 ? " thread" : " threads");
    }

    private static String f(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }
}
