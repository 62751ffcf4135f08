package dev.modelscout.workflow.recommend;

import dev.modelscout.engine.ExtractionListener;
import java.util.ArrayList;
import java.util.List;

/**
 * An extraction listener that passes everything on to another (the progress display) and keeps what a run's
 * report shows of it: the messages in order (not the skipped images or the dataset's note: the run has those typed,
 * from the features and the dataset), and the seconds each extracted model took (started to finished). Hears the
 * extraction thread and the caller's, so each call holds the listener.
 */
final class RecordingListener implements ExtractionListener {

    private final ExtractionListener next;
    private final List<String> messages = new ArrayList<>();
    private long started;
    private double extractionSeconds;
    private int extracted;

    RecordingListener(ExtractionListener next) {
        this.next = next;
    }

    @Override
    public void planned(int models, int images) {
        next.planned(models, images);
    }

    /** Kept among the messages (the report lists cache hits) and passed on as a cache hit. */
    @Override
    public synchronized void cached(String modelId, java.nio.file.Path dir) {
        messages.add("model " + modelId + ": features cached in " + dir + " are up to date; not extracting again");
        next.cached(modelId, dir);
    }

    @Override
    public synchronized void started(String modelId, int total) {
        started = System.nanoTime();
        next.started(modelId, total);
    }

    @Override
    public void advanced(int images) {
        next.advanced(images);
    }

    @Override
    public synchronized void finished(String modelId) {
        extractionSeconds += (System.nanoTime() - started) / 1e9;
        extracted++;
        next.finished(modelId);
    }

    @Override
    public synchronized void warn(String message) {
        messages.add(message);
        next.warn(message);
    }

    @Override
    public void skipped(String modelId, List<String> files) {
        next.skipped(modelId, files);
    }

    @Override
    public void note(String text) {
        next.note(text);
    }

    /** Every message of the run that is not a skipped image or the dataset's note, in order. */
    synchronized List<String> messages() {
        return List.copyOf(messages);
    }

    /** Seconds spent extracting features (models read from the cache take none). */
    synchronized double extractionSeconds() {
        return extractionSeconds;
    }

    /** Models whose features were extracted (not read from the cache). */
    synchronized int extracted() {
        return extracted;
    }
}
