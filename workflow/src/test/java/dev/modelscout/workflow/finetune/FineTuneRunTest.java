package dev.modelscout.workflow.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.Device;
import dev.modelscout.engine.ExtractionOptions;
import dev.modelscout.engine.FineTuneEpoch;
import dev.modelscout.engine.FineTuneOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FineTuneRunTest {

    private static FineTuneRun.Request request(FineTuneSettings settings, FineTuneRun.Compute compute) {
        return new FineTuneRun.Request(Path.of("zoo.csv"), "tiny", Path.of("images"), null, "pets", 0, settings, compute,
                List.of(), Path.of("cache"));
    }

    @Test
    void theFineTuningAndTheFeatureExtractionUseTheSameDeviceAndThreads() {
        FineTuneSettings s = new FineTuneSettings(3, 0.05, 8, 0.8, 1e-3, 7, true, 0.25, null);
        FineTuneRun.Request r = request(s, new FineTuneRun.Compute(Device.CPU, 2, 16, true));
        FineTuneOptions o = r.options();
        assertEquals(List.of(3, 8, 2), List.of(o.epochs(), o.batchSize(), o.threads()));
        assertEquals(List.of(0.05, 0.8, 1e-3), List.of(o.learningRate(), o.momentum(), o.weightDecay()));
        assertEquals(7, o.seed());
        assertTrue(o.freezeBackbone());
        assertEquals(Device.CPU, o.device());
        ExtractionOptions x = r.extraction();
        assertEquals(Device.CPU, x.device());
        assertEquals(2, x.computeThreads(), "the features are extracted with the job's threads (finetune --threads)");
        assertEquals(16, x.batchSize());
        assertTrue(x.strict());
    }

    @Test
    void theCommandsComputeKeepsTheExtractionsDefaultBatchAndSkipsUnreadableImages() {
        FineTuneRun.Compute c = FineTuneRun.Compute.of(Device.CPU, 1);
        ExtractionOptions x = request(FineTuneSettings.defaults(), c).extraction();
        assertEquals(ExtractionOptions.defaults().batchSize(), x.batchSize());
        assertEquals(1, x.computeThreads());
        assertEquals(false, x.strict());
    }

    @Test
    void epochsAreWrittenWithSnakeCaseKeys() {
        var m = FineTuneRun.epochFields(new FineTuneEpoch(2, 0.5, 0.75, 0.6, 0.7, 0.01, 1.5));
        assertEquals(List.of("epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy", "learning_rate",
                "seconds"), List.copyOf(m.keySet()));
        assertEquals(0.5, m.get("train_loss"));
    }
}
