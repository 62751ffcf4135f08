package dev.modelscout.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.modelscout.core.AtomicFiles;
import dev.modelscout.core.Backbone;
import dev.modelscout.core.FeatureMatrix;
import dev.modelscout.core.IoErrors;
import dev.modelscout.core.ModelScoutException;
import dev.modelscout.core.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a fine-tuned network to a folder: {@code backbone.pt}, {@code head_weight.npy}, {@code head_bias.npy}
 * and {@code finetune.json} (see {@link FineTuner#save}); each file replaced atomically.
 */
final class FineTuneSaver {

    private FineTuneSaver() {
    }

    static Path save(Path dir, TrainableTorchScript net, LinearHead head, int featureDim, FineTuneResult result) {
        String id = net.backbone().id();
        Path pt = dir.resolve("backbone.pt");
        try {
            Files.createDirectories(dir);
            AtomicFiles.write(pt, net::write);
            int classes = result.numClasses();
            Npy.write(dir.resolve("head_weight.npy"), FeatureMatrix.ofFloats(classes, featureDim,
                    head.weight().toFloatArray()), true);
            Npy.write(dir.resolve("head_bias.npy"), FeatureMatrix.ofFloats(1, classes, head.bias().toFloatArray()), true);
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            AtomicFiles.write(dir.resolve("finetune.json"),
                    json.writeValueAsString(describe(net, featureDim, result, BackboneModel.sha256(pt))) + "\n");
        } catch (IOException e) {
            throw new FineTuneException("model " + id + ": cannot save to " + dir + ": " + IoErrors.reason(e), e);
        } catch (ModelScoutException e) {
            if (e instanceof FineTuneException) {
                throw e;
            }
            throw new FineTuneException("model " + id + ": cannot save to " + dir + ": " + e.getMessage(), e);
        } catch (ai.djl.engine.EngineException e) {
            throw new FineTuneException("model " + id + ": cannot write " + pt + ": " + BackboneModel.firstLine(e), e);
        }
        return dir;
    }

    /** The contents of {@code finetune.json}. */
    private static Map<String, Object> describe(TrainableTorchScript net, int featureDim, FineTuneResult result,
                                                String savedSha) {
        Backbone b = net.backbone();
        Map<String, Object> m = new LinkedHashMap<>(dev.modelscout.core.OutputStamp.now().asMap());
        m.put("model", b.id());
        m.put("source_weights", b.weights());
        m.put("source_sha256", net.sha256());
        m.put("backbone", "backbone.pt");
        m.put("backbone_sha256", savedSha);
        m.put("head_weight", "head_weight.npy");
        m.put("head_bias", "head_bias.npy");
        m.put("feature_dim", featureDim);
        m.put("classes", result.classNames());
        Map<String, Object> pre = new LinkedHashMap<>();
        pre.put("resize", b.preprocessing().resize());
        pre.put("crop", b.preprocessing().crop());
        pre.put("mean", b.preprocessing().mean());
        pre.put("std", b.preprocessing().std());
        pre.put("channels", b.preprocessing().channels());
        m.put("preprocessing", pre);
        m.put("val_accuracy", result.valAccuracy());
        m.put("train_size", result.trainSize());
        m.put("val_size", result.valSize());
        m.put("seconds", result.seconds());
        m.put("device", result.device().toString());
        m.put("protocol", result.protocol().toMap());
        List<Map<String, Object>> epochs = new ArrayList<>();
        for (FineTuneEpoch e : result.history()) {
            Map<String, Object> row = e.toMap();
            epochs.add(row);
        }
        m.put("history", epochs);
        return m;
    }
}
