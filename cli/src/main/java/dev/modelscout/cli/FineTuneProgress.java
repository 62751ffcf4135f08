package dev.modelscout.cli;

import dev.modelscout.engine.FineTuneEpoch;
import dev.modelscout.engine.FineTuneListener;
import java.io.PrintWriter;
import java.util.Locale;

/** A fine-tuning's progress on the console: one line when it starts, one per epoch, warnings as they come. */
final class FineTuneProgress {

    private FineTuneProgress() {
    }

    static FineTuneListener toConsole(PrintWriter err) {
        return new FineTuneListener() {
            @Override
            public void started(String modelId, int trainSize, int valSize, int epochs, int steps) {
                err.printf(Locale.ROOT, "fine-tuning %s: %d train / %d val images, %d epochs (%d steps)%n", modelId,
                        trainSize, valSize, epochs, steps);
                err.flush();
            }

            @Override
            public void epochFinished(FineTuneEpoch e) {
                err.printf(Locale.ROOT, "epoch %d: train loss %.4f, train acc %.4f, val loss %.4f, val acc %.4f, lr %.5f (%.1f s)%n",
                        e.epoch(), e.trainLoss(), e.trainAccuracy(), e.valLoss(), e.valAccuracy(), e.learningRate(),
                        e.seconds());
                err.flush();
            }

            @Override
            public void warn(String message) {
                err.println(message);
                err.flush();
            }
        };
    }
}
