package dev.modelscout.cli;

import dev.modelscout.engine.FineTuneEpoch;
import dev.modelscout.engine.FineTuneListener;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A fine-tuning's progress on the console: one line when it starts and one per epoch (loss, accuracy, learning
 * rate); on a terminal, within each epoch a bar of its steps with the running mean of the training loss, wiped when
 * the epoch's line prints. Each distinct warning once.
 */
final class FineTuneProgress implements FineTuneListener {

    private final boolean bars;
    private final Set<String> said = new HashSet<>();
    private int epochs;
    private int stepsPerEpoch;
    private int epoch;
    private double lossSum;
    private int stepsInEpoch;
    private final ConsoleBar console;

    FineTuneProgress(PrintWriter err, boolean bars) {
        this.console = new ConsoleBar(err);
        this.bars = bars;
    }

    /** As {@link ProgressReporter#forConsole}: bars only on the process's stderr when it is a terminal. */
    static FineTuneProgress toConsole(CommandSpec spec) {
        PrintWriter err = spec.commandLine().getErr();
        return new FineTuneProgress(err, err instanceof ShownErr && Terminal.barsOnStderr());
    }

    @Override
    public synchronized void started(String modelId, int trainSize, int valSize, int epochs, int steps) {
        this.epochs = epochs;
        this.stepsPerEpoch = Math.max(1, steps / Math.max(1, epochs));
        this.epoch = 0;
        say(String.format(Locale.ROOT, "fine-tuning %s: %d train / %d val images, %d epochs (%d steps)", modelId,
                trainSize, valSize, epochs, steps));
    }

    @Override
    public synchronized void stepped(int step, double loss) {
        if (!bars) {
            return;
        }
        ProgressBar bar = console.bar();
        if (bar == null) {
            epoch++;
            lossSum = 0;
            stepsInEpoch = 0;
            bar = console.open(new ProgressBarBuilder().setTaskName("epoch " + epoch + "/" + epochs)
                    .setInitialMax(stepsPerEpoch).setUnit(" steps", 1).setStyle(ProgressBarStyle.ASCII));
        }
        lossSum += loss;
        stepsInEpoch++;
        bar.setExtraMessage(String.format(Locale.ROOT, "train loss %.4f", lossSum / stepsInEpoch));
        bar.step();
    }

    @Override
    public synchronized void epochFinished(FineTuneEpoch e) {
        closeBar();
        say(epochLine(e));
    }

    /** "epoch 2: train loss 0.5321, train acc 0.8125, val loss 0.6012, val acc 0.7750, lr 0.00500 (3.1 s)". */
    static String epochLine(FineTuneEpoch e) {
        return String.format(Locale.ROOT, "epoch %d: train loss %.4f, train acc %.4f, val loss %.4f, val acc %.4f, "
                + "lr %.5f (%.1f s)", e.epoch(), e.trainLoss(), e.trainAccuracy(), e.valLoss(), e.valAccuracy(),
                e.learningRate(), e.seconds());
    }

    @Override
    public synchronized void warn(String message) {
        if (said.add(message)) {
            say(message);
        }
    }

    private void closeBar() {
        console.close();
    }

    private void say(String message) {
        console.say(message);
    }
}
