package dev.modelscout.recommender;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A separate process for the concurrency test: appends {@code args[2]} jobs named {@code args[1]}-i to the
 * history {@code args[0]}, one append (one read-modify-write of the file) per job.
 */
public final class ConcurrentAppender {

    private ConcurrentAppender() {
    }

    public static void main(String[] args) {
        Path history = Path.of(args[0]);
        for (int i = 0; i < Integer.parseInt(args[2]); i++) {
            String model = args[1] + "-" + i;
            Job job = new Job("jobs", 1, "target", model, 0.5,
                    Map.of("dataset", "target", "model", model, "accuracy", "0.5"));
            HistoryAppender.append(history, "jobs of " + args[1], List.of(job), OnDuplicate.ERROR, m -> { });
        }
        System.out.println("done");
    }
}
