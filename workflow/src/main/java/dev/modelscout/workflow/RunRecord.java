package dev.modelscout.workflow;

import dev.modelscout.engine.ExtractionListener;
import java.util.ArrayList;
import java.util.List;

/**
 * An extraction listener that passes everything on to another (the progress display) and keeps what a report
 * shows of the run: every message, in order, and the seconds each extracted model took (started to finished).
 */
public final class RunRecord implements ExtractionListener {

    private final ExtractionListener next;
    private final List<String> messages = new ArrayList<>();
    private long started;
    private double extractionSeconds;
    private int extracted;

    public RunRecord(ExtractionListener next) {
        this.next = next;
    }

    @Override
    public void started(String modelId, int total) {
        started = System.nanoTime();
        next.started(modelId, total);
    }

    @Override
    public void advanced(int images) {
        next.advanced(images);
    }

    @Override
    public void finished(String modelId) {
        extractionSeconds += (System.nanoTime() - started) / 1e9;
        extracted++;
        next.finished(modelId);
    }

    @Override
    public void warn(String message) {
        messages.add(message);
        next.warn(message);
    }

    /** Every message of the run, in order. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    /** Seconds spent extracting features (models read from the cache take none). */
    public double extractionSeconds() {
        return extractionSeconds;
    }

    /** Models whose features were extracted (not read from the cache). */
    public int extracted() {
        return extracted;
    }
}
