package dev.modelscout.workflow.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The cells a shard runner has begun and not finished (two at most: one finishing, one prepared ahead), with
 * their markers: shared by the runner's thread, its heartbeat and its shutdown hook, so every method holds this
 * object.
 */
final class RunningCells {

    private final JobPlan plan;
    private final Map<Cell, Map<String, Object>> markers = new LinkedHashMap<>();

    RunningCells(JobPlan plan) {
        this.plan = plan;
    }

    /** Writes the cell's marker: it is running. */
    synchronized void begin(Cell cell, Map<String, Object> marker) {
        ResultFiles.writeMarker(plan, cell, marker);
        markers.put(cell, marker);
    }

    /** The cell's result is written: its marker goes. */
    synchronized void finished(Cell cell) {
        markers.remove(cell);
        ResultFiles.deleteMarker(plan, cell);
    }

    /** The cell is left unfinished (the shard stops on an error): its marker stays, so status calls it interrupted. */
    synchronized void left(Cell cell) {
        markers.remove(cell);
    }

    /** The heartbeat: touches every running cell's marker (for file systems without locks, see {@link PlanStatus}). */
    synchronized void touch() {
        for (Cell cell : markers.keySet()) {
            try {
                Files.setLastModifiedTime(ResultFiles.marker(plan, cell), FileTime.from(Instant.now()));
            } catch (IOException e) {
                // a missed beat only matters where the file system has no locks
            }
        }
    }

    /** The shutdown hook: a task stopped by a signal (scancel, a time limit) says which cells it leaves unfinished. */
    synchronized void stopped(Consumer<String> log) {
        markers.forEach((cell, marker) -> {
            Map<String, Object> m = new LinkedHashMap<>(marker);
            m.put("stopped", ShardRunner.time(Instant.now()));
            m.put("reason", "the process was stopped (a signal: scancel, a time limit, Ctrl-C) while computing the cell");
            try {
                ResultFiles.writeMarker(plan, cell, m);
            } catch (RuntimeException e) {
                // the marker of the start stays; status reports the cell as interrupted either way
            }
            log.accept(cell.id() + ": stopped before it finished; the next run of its shard computes it again");
        });
    }
}
