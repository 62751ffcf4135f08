package dev.modelscout.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CosineScheduleTest {

    @Test
    void startsAtTheBaseRateHalvesHalfwayAndDecreasesTowardsZero() {
        CosineSchedule s = new CosineSchedule(0.01, 100);
        assertEquals(0.01, s.rate(0));
        assertEquals(0.005, s.rate(50), 1e-15);
        for (int t = 1; t < 100; t++) {
            assertTrue(s.rate(t) < s.rate(t - 1), "step " + t);
        }
        assertTrue(s.rate(99) > 0);
        // torch.optim.lr_scheduler.CosineAnnealingLR(T_max=100) closed form at step 25: (1 + cos(pi/4)) / 2
        assertEquals(0.01 * (1 + Math.sqrt(0.5)) / 2, s.rate(25), 1e-15);
    }

    @Test
    void needsAtLeastOneStep() {
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(0.1, 0));
    }
}
