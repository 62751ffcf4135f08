package dev.modelscout.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.core.Device;
import dev.modelscout.core.InvalidOptionException;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class FineTuneOptionsTest {

    @Test
    void defaultsAreTheDocumentedProtocol() {
        FineTuneOptions d = FineTuneOptions.defaults();
        assertEquals(Device.AUTO, d.device());
        assertEquals(10, d.epochs());
        assertEquals(0.01, d.learningRate());
        assertEquals(32, d.batchSize());
        assertEquals(0.9, d.momentum());
        assertEquals(1e-4, d.weightDecay());
        assertEquals(0, d.seed());
        assertFalse(d.freezeBackbone());
        assertEquals(0, d.threads());
        assertEquals(1, d.workers());
        FineTuneOptions o = d.withEpochs(3).withSeed(7).withFreezeBackbone(true).withThreads(2).withDevice(Device.CPU);
        assertEquals(3, o.epochs());
        assertEquals(7, o.seed());
        assertTrue(o.freezeBackbone());
        assertEquals(2, o.threads());
        assertEquals(Device.CPU, o.device());
        assertEquals(0.01, o.learningRate());
    }

    @Test
    void rejectsEachValueOutsideItsRangeNamingTheSetting() {
        FineTuneOptions d = FineTuneOptions.defaults();
        List<Supplier<FineTuneOptions>> bad = List.of(() -> d.withEpochs(0), () -> d.withLearningRate(0),
                () -> d.withLearningRate(Double.NaN), () -> d.withLearningRate(Double.POSITIVE_INFINITY),
                () -> d.withBatchSize(0), () -> d.withMomentum(1), () -> d.withMomentum(-0.1),
                () -> d.withWeightDecay(-1e-4), () -> d.withThreads(-1), () -> d.withWorkers(0),
                () -> d.withDevice(null));
        List<String> names = List.of("epochs", "learning rate", "learning rate", "learning rate", "batch size",
                "momentum", "momentum", "weight decay", "threads", "decode workers", "device");
        for (int i = 0; i < bad.size(); i++) {
            String msg = assertThrows(InvalidOptionException.class, bad.get(i)::get).getMessage();
            assertTrue(msg.contains(names.get(i)), msg);
        }
    }

    @Test
    void protocolMapKeepsDeclarationOrder() {
        FineTuneProtocol p = new FineTuneProtocol("sgd", 0.01, 0.9, 1e-4, "cosine-per-step", 2, 8, 1, false, 2,
                "softmax-cross-entropy", "linear", true, "resize 37, crop 32");
        assertEquals(List.of("optimizer", "learning_rate", "momentum", "weight_decay", "schedule", "epochs",
                "batch_size", "seed", "freeze_backbone", "threads", "loss", "head", "train_mode", "preprocessing"),
                List.copyOf(p.toMap().keySet()));
    }

    @Test
    void epochsTimesBatchesBeyondAnIntIsRefusedNamingBothOptions() {
        FineTuneOptions o = FineTuneOptions.defaults().withEpochs(Integer.MAX_VALUE).withBatchSize(1);
        dev.modelscout.core.InvalidOptionException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.modelscout.core.InvalidOptionException.class, () -> o.steps(10));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("--epochs 2147483647 x 10 batches per epoch"),
                e.getMessage());
        org.junit.jupiter.api.Assertions.assertEquals(30, FineTuneOptions.defaults().withEpochs(10).withBatchSize(4).steps(10));
    }
}
