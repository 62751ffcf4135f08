package dev.modelscout.workflow.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Where each cell of a plan stands, from its files alone (no scheduler is asked, so it reads the same under
 * Slurm, Kubernetes or a shell loop):
 * <ul>
 * <li>{@link State#DONE}: a valid result that says done;</li>
 * <li>{@link State#RUNNING}: its lock is held (on a file system without locks: its marker was touched within
 * the last {@link #STALE_AFTER});</li>
 * <li>{@link State#FAILED}: a valid result that says failed, with the cell's one-line error;</li>
 * <li>{@link State#PENDING}: anything else; {@code interrupted} when a marker without a lock holder shows that the
 * task computing it was killed, with a note of where and when.</li>
 * </ul>
 */
public final class PlanStatus {

    /** A marker untouched this long is taken as left by a killed task where locks are unavailable. */
    static final Duration STALE_AFTER = ShardRunner.HEARTBEAT.multipliedBy(4);

    public enum State { DONE, RUNNING, FAILED, PENDING }

    /**
     * @param cell        the cell
     * @param shard       its shard in the plan's cut
     * @param state       where it stands
     * @param interrupted pending because its task was killed while computing it
     * @param note        the error of a failed cell; where it runs or ran; why a result file was not taken
     * @param result      its result, when valid
     */
    public record CellStatus(Cell cell, int shard, State state, boolean interrupted, String note, CellResult result) {
    }

    /** The whole plan. */
    public record Report(JobPlan plan, List<CellStatus> cells) {

        public Report {
            cells = List.copyOf(cells);
        }

        public long count(State s) {
            return cells.stream().filter(c -> c.state() == s).count();
        }

        public List<CellStatus> in(State s) {
            return cells.stream().filter(c -> c.state() == s).toList();
        }

        public List<CellStatus> interrupted() {
            return cells.stream().filter(CellStatus::interrupted).toList();
        }

        /** Shards with a cell not done and none running: those to submit again. */
        public List<Integer> unfinishedShards() {
            TreeSet<Integer> open = new TreeSet<>();
            TreeSet<Integer> busy = new TreeSet<>();
            for (CellStatus c : cells) {
                if (c.state() == State.RUNNING) {
                    busy.add(c.shard());
                } else if (c.state() != State.DONE) {
                    open.add(c.shard());
                }
            }
            open.removeAll(busy);
            return List.copyOf(open);
        }

        /** Shards with a cell running now. */
        public List<Integer> runningShards() {
            return cells.stream().filter(c -> c.state() == State.RUNNING).map(CellStatus::shard).distinct().sorted().toList();
        }
    }

    private PlanStatus() {
    }

    public static Report of(JobPlan plan) {
        List<CellStatus> out = new ArrayList<>();
        for (Cell cell : plan.cells()) {
            out.add(of(plan, cell));
        }
        return new Report(plan, out);
    }

    static CellStatus of(JobPlan plan, Cell cell) {
        int shard = plan.shardOf(cell);
        ResultFiles.Read read = ResultFiles.read(plan, cell);
        if (read instanceof ResultFiles.Valid v && v.result().done()) {
            return new CellStatus(cell, shard, State.DONE, false, null, v.result());
        }
        JsonNode marker = ResultFiles.readMarker(plan, cell).orElse(null);
        CellLock.Probe probe = CellLock.probe(ResultFiles.lockFile(plan, cell));
        boolean alive = probe == CellLock.Probe.HELD
                || probe == CellLock.Probe.UNSUPPORTED && marker != null && fresh(ResultFiles.marker(plan, cell));
        if (alive) {
            return new CellStatus(cell, shard, State.RUNNING, false, marker == null ? "" : where(marker), null);
        }
        if (marker != null) {
            String stopped = marker.path("stopped").isTextual() ? ", stopped " + marker.get("stopped").asText() : ", killed";
            return new CellStatus(cell, shard, State.PENDING, true, where(marker) + stopped, null);
        }
        if (read instanceof ResultFiles.Valid v) {
            return new CellStatus(cell, shard, State.FAILED, false, v.result().error(), v.result());
        }
        if (read instanceof ResultFiles.Unreadable u) {
            return new CellStatus(cell, shard, State.PENDING, false, u.reason(), null);
        }
        return new CellStatus(cell, shard, State.PENDING, false, null, null);
    }

    /** "on HOST (pid P, slurm job J_T) since T" from a marker. */
    static String where(JsonNode marker) {
        StringBuilder sb = new StringBuilder("on ").append(marker.path("host").asText("?"))
                .append(" (pid ").append(marker.path("pid").asText("?"));
        JsonNode launch = marker.path("launch");
        if (launch.hasNonNull("slurm_array_job_id")) {
            sb.append(", slurm job ").append(launch.get("slurm_array_job_id").asText()).append('_')
                    .append(launch.path("slurm_array_task_id").asText("?"));
        } else if (launch.hasNonNull("slurm_job_id")) {
            sb.append(", slurm job ").append(launch.get("slurm_job_id").asText());
        } else if (launch.hasNonNull("job_completion_index")) {
            sb.append(", job index ").append(launch.get("job_completion_index").asText());
        }
        return sb.append(") since ").append(marker.path("started").asText("?")).toString();
    }

    private static boolean fresh(Path marker) {
        try {
            return Files.getLastModifiedTime(marker).toInstant().isAfter(Instant.now().minus(STALE_AFTER));
        } catch (IOException e) {
            return false;
        }
    }
}
