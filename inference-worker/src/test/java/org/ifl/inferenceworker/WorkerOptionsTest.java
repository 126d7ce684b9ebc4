package org.ifl.inferenceworker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.ifl.platform.testkit.ServiceSettings;
import org.junit.jupiter.api.Test;

class WorkerOptionsTest {

    @Test
    void aWorkerServesItsModelAndCheckpointOrEveryOneLeftOpen() {
        WorkerOptions any = WorkerOptions.defaults();
        assertTrue(any.serves("llava", "step-1"));
        WorkerOptions model = any.withModel("llava");
        assertTrue(model.serves("llava", "step-1"));
        assertTrue(model.serves("llava", "step-2"));
        assertFalse(model.serves("other", "step-1"));
        WorkerOptions checkpoint = model.withCheckpoint("step-2");
        assertTrue(checkpoint.serves("llava", "step-2"));
        assertFalse(checkpoint.serves("llava", "step-1"));
        assertFalse(checkpoint.serves("other", "step-2"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WorkerOptions(null, "step-2", 0, Duration.ofMillis(-1), 0, 0, 0, Duration.ZERO));
        for (String named : new String[] {"checkpoint (step-2) is served only with its model", "max-batch",
            "max-wait", "inference-threads", "max-new-tokens", "commit-interval"}) {
            assertTrue(e.getMessage().contains(named), named + " in: " + e.getMessage());
        }
    }

    @Test
    void theDefaultGroupIsOnePerServedModelAndCheckpoint() {
        try (ApplicationContext context = ServiceSettings.context(WorkerService.ENVIRONMENT, Map.of(), Map.of())) {
            WorkerSettings settings = context.getBean(WorkerSettings.class);
            assertEquals("ifl-inference-worker", settings.groupIdOrDefault());
            settings.setModel("llava");
            assertEquals("ifl-inference-worker-llava", settings.groupIdOrDefault());
            settings.setCheckpoint("step-2");
            assertEquals("ifl-inference-worker-llava-step-2", settings.groupIdOrDefault());
            assertEquals("step-2", settings.options().checkpoint());
            settings.setGroupId("mine");
            assertEquals("mine", settings.groupIdOrDefault());
        }
    }
}
