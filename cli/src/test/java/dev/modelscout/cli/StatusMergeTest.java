package dev.modelscout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelscout.workflow.cluster.JobPlan;
import dev.modelscout.workflow.cluster.PlanFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code jobs status} never says "all done: merge" for a plan that {@code jobs merge} would refuse. */
class StatusMergeTest {

    @TempDir
    Path dir;

    private String status(JobPlan plan) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        assertEquals(0, cl.execute("jobs", "status", "--plan", plan.dir().toString()));
        return out.toString();
    }

    @Test
    void aPlanWhoseWeightsChangedSinceIsNotOfferedForMerging() throws Exception {
        PlanFixture f = new PlanFixture(dir);
        JobPlan plan = f.plan(dir.resolve("plan"), 2);
        f.runAll(plan, 2);
        String s = status(plan);
        assertTrue(s.contains("all cells done: modelscout jobs merge --plan " + plan.dir()), s);
        Files.writeString(f.zoo.resolveSibling("alpha.pt"), "other weights");
        s = status(plan);
        assertTrue(s.contains("all cells done, but a merge would be refused: plan " + plan.dir()
                + ": the zoo or datasets changed since planning: model alpha"), s);
    }
}
