package dev.modelscout.workflow.cluster;

import dev.modelscout.core.InvalidOptionException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a cell computes for its (dataset, backbone) pair. */
public enum TaskKind {
    /** Features (cached), then transferability scores: a candidate row of the history schema. */
    SCORE("score"),
    /** Features and optional scores, then a fine-tuning run: a history row with its accuracy. */
    FINETUNE("finetune");

    private final String id;

    TaskKind(String id) {
        this.id = id;
    }

    /** The name in plans and on the command line. */
    public String id() {
        return id;
    }

    /** The kind named {@code text} ({@code score} or {@code finetune}). */
    public static TaskKind parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT).replace("-", "");
        for (TaskKind k : values()) {
            if (k.id.equals(s)) {
                return k;
            }
        }
        throw new InvalidOptionException("--task " + text + ": expected "
                + Arrays.stream(values()).map(TaskKind::id).collect(Collectors.joining(" or ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
