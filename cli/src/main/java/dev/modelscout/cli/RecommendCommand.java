package dev.modelscout.cli;

import dev.modelscout.core.IoErrors;
import dev.modelscout.core.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.modelscout.core.ModelScoutException;
import dev.modelscout.recommender.FieldSpec;
import dev.modelscout.recommender.OnDuplicate;
import dev.modelscout.recommender.Recommender;
import dev.modelscout.recommender.Recommenders;
import dev.modelscout.recommender.TrainingHistory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
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
                + "or the embedded default (trained on the public TransferGraph history; see docs/recommender.md).")
final class RecommendCommand implements Callable<Integer> {

    /** The embedded default recommender (class-path resource). */
    static final String DEFAULT_RECOMMENDER = "default-recommender.json";

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    @Mixin
    ImageSourceOptions source;

    @Option(names = "--model", paramLabel = "model.json", description = "A recommender saved by `modelscout train`.")
    Path model;

    @Option(names = "--history", paramLabel = "H.csv", description = "Train a recommender on this history now instead.")
    Path history;

    @Option(names = "--features", paramLabel = "d,m,score_logme:zscore,...",
            defaultValue = "d,m,score_logme:zscore,score_reg_hscore:zscore",
            description = "Features when training on --history (see `train --help`). Default: ${DEFAULT-VALUE}.")
    String features;

    @Option(names = "--recommender", paramLabel = "fm|lr|ensemble|popularity", defaultValue = "fm",
            description = "Trainer when training on --history, with its documented defaults. Default: ${DEFAULT-VALUE}.")
    String trainer;

    @Option(names = "--dataset-id", paramLabel = "NAME",
            description = "Id of the target dataset in the candidate rows. Default: the folder's name.")
    String datasetId;

    @Option(names = "--scores", split = ",", paramLabel = "NAME", defaultValue = "logme",
            description = "Scores to compute and show besides those the recommender reads. Default: ${DEFAULT-VALUE}.")
    List<String> extraScores;

    @Option(names = "--top", defaultValue = "5", paramLabel = "K", description = "Backbones to show. Default: ${DEFAULT-VALUE}.")
    int top;

    @Option(names = "--out", paramLabel = "FILE.csv|FILE.json", description = "Write the full ranking (CSV or JSON).")
    Path out;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Feature cache. Default: ~/.cache/modelscout/features/<hash of the image path>.")
    Path cache;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        source.require(spec);
        if (out != null) {
            // Fail on a bad output name before the long work, not after it.
            Format.of(out);
        }
        Recommender recommender = recommender(err);
        List<String> scoreNames = RecommendationPipeline.scoresNeeded(recommender, extraScores);
        String id = datasetId != null ? datasetId : defaultDatasetId(source.images);
        List<RecommendationPipeline.Recommendation> ranked = RecommendationPipeline.run(source.request(cache), id,
                scoreNames, recommender, source.extractionOptions(spec), ProgressReporter.forConsole(err));
        print(o, id, ranked, scoreNames);
        if (out != null) {
            write(out, id, ranked, scoreNames, recommender);
            err.println("wrote " + out);
        }
        o.flush();
        return 0;
    }

    private Recommender recommender(PrintWriter err) {
        if (model != null && history != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --model or --history, not both");
        }
        if (model != null) {
            return Recommenders.load(model);
        }
        if (history != null) {
            TrainingHistory h = TrainingHistory.read(history,
                    TrainingHistory.ReadOptions.defaults().withOnDuplicate(OnDuplicate.parse("error")));
            FieldSpec spec = FieldSpec.defaults().select(FieldSpec.parseFeatures(features)).requireColumnsOf(h);
            return Recommenders.trainer(trainer).train(h, spec);
        }
        try (InputStream in = RecommendCommand.class.getResourceAsStream(DEFAULT_RECOMMENDER)) {
            if (in == null) {
                throw new ModelScoutException("the embedded default recommender is missing from this build; "
                        + "give --model or --history");
            }
            Recommender r = Recommenders.fromJson("embedded " + DEFAULT_RECOMMENDER,
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
            err.println("recommender: embedded default (" + r.provenance().trainer() + " trained on "
                    + r.provenance().rows() + " jobs of " + Path.of(r.provenance().historySource()).getFileName()
                    + "; features " + String.join(",", r.provenance().features()) + ")");
            return r;
        } catch (IOException e) {
            throw new ModelScoutException("cannot read the embedded default recommender: " + e.getMessage(), e);
        }
    }

    static String defaultDatasetId(Path images) {
        Path name = images.toAbsolutePath().normalize().getFileName();
        String s = name == null ? "dataset" : name.toString();
        if (Files.isRegularFile(images) && s.contains(".")) {
            s = s.substring(0, s.lastIndexOf('.'));
        }
        return s.toLowerCase(Locale.ROOT);
    }

    private void print(PrintWriter o, String id, List<RecommendationPipeline.Recommendation> ranked,
            List<String> scoreNames) {
        List<String> header = new ArrayList<>(List.of("rank", "model", "predicted_accuracy", "arch_family",
                "pretrain_dataset", "params_m"));
        scoreNames.forEach(s -> header.add("score_" + s));
        Table t = Table.of(header.toArray(String[]::new));
        for (RecommendationPipeline.Recommendation r : ranked.subList(0, Math.min(Math.max(top, 0), ranked.size()))) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(r.prediction().rank()), r.prediction().model(),
                    String.format(Locale.ROOT, "%.4f", r.prediction().predicted()), dash(r.row().cell("arch_family")),
                    dash(r.row().cell("pretrain_dataset")), dash(r.row().cell("params_m"))));
            for (String s : scoreNames) {
                Double v = r.scores().get(s);
                row.add(v == null ? "-" : String.format(Locale.ROOT, "%.4f", v));
            }
            t.add(row);
        }
        o.println("dataset " + id + ": " + ranked.size() + " backbones ranked by predicted fine-tuned accuracy");
        t.print(o);
    }

    private static String dash(String s) {
        return s.isEmpty() ? "-" : s;
    }

    private enum Format {
        CSV, JSON;

        static Format of(Path file) {
            String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".csv")) {
                return CSV;
            }
            if (n.endsWith(".json")) {
                return JSON;
            }
            throw new ModelScoutException(file + ": --out must end in .csv or .json");
        }
    }

    private static void write(Path file, String id, List<RecommendationPipeline.Recommendation> ranked,
            List<String> scoreNames, Recommender recommender) {
        String text;
        try {
            if (Format.of(file) == Format.CSV) {
                StringWriter sw = new StringWriter();
                List<String> header = new ArrayList<>(TrainingHistory.SCHEMA.stream()
                        .filter(c -> !c.equals(TrainingHistory.ACCURACY) && !c.equals("source")).toList());
                header.add(0, "rank");
                header.add("predicted_accuracy");
                try (CSVPrinter p = new CSVPrinter(sw, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
                    p.printRecord(header);
                    for (RecommendationPipeline.Recommendation r : ranked) {
                        List<String> row = new ArrayList<>();
                        for (String c : header) {
                            row.add(switch (c) {
                                case "rank" -> Integer.toString(r.prediction().rank());
                                case "predicted_accuracy" -> Double.toString(r.prediction().predicted());
                                default -> r.row().cell(c);
                            });
                        }
                        p.printRecord(row);
                    }
                }
                text = sw.toString();
            } else {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (RecommendationPipeline.Recommendation r : ranked) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("rank", r.prediction().rank());
                    m.put("model", r.prediction().model());
                    m.put("predicted_accuracy", r.prediction().predicted());
                    m.put("arch_family", r.row().cell("arch_family"));
                    m.put("pretrain_dataset", r.row().cell("pretrain_dataset"));
                    m.put("scores", r.scores());
                    rows.add(m);
                }
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("dataset", id);
                doc.put("scores", scoreNames);
                doc.put("recommender", recommender.provenance());
                doc.put("ranking", rows);
                text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
            }
            AtomicFiles.write(file, text);
        } catch (IOException e) {
            throw new ModelScoutException(file + ": cannot write: " + IoErrors.reason(e), e);
        }
    }
}
