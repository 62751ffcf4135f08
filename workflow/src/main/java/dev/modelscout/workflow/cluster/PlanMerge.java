package dev.modelscout.workflow.cluster;

import dev.modelscout.core.AtomicFiles;
import dev.modelscout.core.IoErrors;
import dev.modelscout.core.ModelScoutException;
import dev.modelscout.recommender.HistoryCsv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows of a plan's finished cells as one CSV in the history schema: the scores of score cells (candidate
 * rows, for {@code predict}); the accuracy (and any scores) of fine-tuning cells, ready for
 * {@code history append}. Refused when the zoo or a dataset changed since planning (the results would not be
 * those of the files now in place), and, unless partial, while cells are not done.
 */
public final class PlanMerge {

    /**
     * @param header  the columns: the history schema's, then any more the rows hold (a score outside the schema)
     * @param rows    one per done cell, in plan order
     * @param notDone ids of the cells left out (with {@code partial})
     */
    public record Merged(List<String> header, List<Map<String, String>> rows, List<String> notDone) {
    }

    private PlanMerge() {
    }

    /**
     * Why {@link #merge} would refuse {@code plan} as it is now (the zoo or datasets changed since planning, a
     * cell's result damaged), or null when it would merge: what {@code jobs status} says before offering a merge.
     */
    public static String refusal(JobPlan plan) {
        try {
            merge(plan, new Fingerprints(), false);
            return null;
        } catch (ModelScoutException e) {
            return e.getMessage();
        }
    }

    /**
     * Checks the plan's zoo and datasets against the files now in place, then collects the rows.
     *
     * @param partial merge the done cells even while others are not done
     */
    public static Merged merge(JobPlan plan, Fingerprints fingerprints, boolean partial) {
        List<String> changed = new ArrayList<>();
        for (PlanModel m : plan.models()) {
            try {
                if (!fingerprints.modelFingerprint(plan.zooPath(), m.id()).equals(m.fingerprint())) {
                    changed.add("model " + m.id() + " (its catalog entry or weights)");
                }
            } catch (ModelScoutException e) {
                changed.add("model " + m.id() + " (" + ShardRunner.oneLine(e.getMessage()) + ")");
            }
        }
        for (PlanDataset d : plan.datasets()) {
            Path images = plan.resolve(d.path());
            try {
                if (!fingerprints.datasetFingerprint(images).equals(d.fingerprint())) {
                    changed.add("dataset " + d.id() + " at " + images + " (an image was added, removed, moved or modified)");
                }
            } catch (ModelScoutException e) {
                changed.add("dataset " + d.id() + " (" + ShardRunner.oneLine(e.getMessage()) + ")");
            }
        }
        if (!changed.isEmpty()) {
            throw new JobsException("plan " + plan.dir() + ": the zoo or datasets changed since planning: "
                    + String.join("; ", changed) + "; merge refused, as the results are of the planned files (make a new plan)");
        }
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> notDone = new ArrayList<>();
        Set<String> header = new LinkedHashSet<>();
        for (Cell cell : plan.cells()) {
            ResultFiles.Read r = ResultFiles.read(plan, cell);
            if (!(r instanceof ResultFiles.Valid v) || !v.result().done()) {
                notDone.add(cell.id());
                continue;
            }
            CellResult res = v.result();
            if (!plan.dataset(cell.dataset()).fingerprint().equals(res.datasetFingerprint())
                    || !plan.model(cell.model()).fingerprint().equals(res.modelFingerprint())) {
                throw new JobsException(ResultFiles.file(plan, cell) + ": computed from other inputs than the plan's; "
                        + "delete it and run its shard again");
            }
            header.addAll(res.row().keySet());
            rows.add(res.row());
        }
        if (rows.isEmpty()) {
            throw new JobsException("plan " + plan.dir() + ": no cell is done yet; nothing to merge");
        }
        if (!notDone.isEmpty() && !partial) {
            throw new JobsException("plan " + plan.dir() + ": " + notDone.size() + " of " + plan.cells().size()
                    + " cells are not done (first: " + notDone.get(0) + "); see `modelscout jobs status --plan "
                    + plan.dir() + "`, or merge the done ones with --partial");
        }
        return new Merged(List.copyOf(header), rows, notDone);
    }

    /** The CSV text: the header, then one record per row ("" where a row lacks a column), by the history's writer. */
    public static String csv(Merged m) {
        return HistoryCsv.renderCells(m.header(), m.rows());
    }

    /** Writes the CSV to {@code out} atomically. */
    public static void write(Path out, Merged m) {
        try {
            AtomicFiles.write(out, csv(m));
        } catch (IOException e) {
            throw new JobsException(out + ": cannot write: " + IoErrors.reason(e), e);
        }
    }
}
