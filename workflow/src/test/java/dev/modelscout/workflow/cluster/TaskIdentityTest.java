package dev.modelscout.workflow.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.modelscout.core.InvalidOptionException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskIdentityTest {

    @Test
    void shardComesFromSlurmThenKubernetesThenNowhere() {
        assertEquals(3, TaskIdentity.shardFromEnvironment(Map.of("SLURM_ARRAY_TASK_ID", "3", "JOB_COMPLETION_INDEX", "5")));
        assertEquals(5, TaskIdentity.shardFromEnvironment(Map.of("JOB_COMPLETION_INDEX", "5")));
        assertNull(TaskIdentity.shardFromEnvironment(Map.of("SLURM_JOB_ID", "12")));
    }

    @Test
    void rejectsAShardVariableThatIsNotANumber() {
        assertThrows(InvalidOptionException.class, () -> TaskIdentity.shardFromEnvironment(Map.of("SLURM_ARRAY_TASK_ID", "x")));
    }

    @Test
    void recordsTheSchedulersIds() {
        assertEquals(Map.of("slurm_array_job_id", "7", "slurm_array_task_id", "2"),
                TaskIdentity.launch(Map.of("SLURM_ARRAY_JOB_ID", "7", "SLURM_ARRAY_TASK_ID", "2", "PATH", "/bin")));
    }
}
