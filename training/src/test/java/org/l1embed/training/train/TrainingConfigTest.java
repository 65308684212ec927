package org.l1embed.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class TrainingConfigTest {

    private static final TrainingConfig D = TrainingConfig.defaults();

    @Test
    void defaultsFollowThePaperSchedule() {
        assertEquals(50, D.epochs());
        assertEquals(10, D.warmupEpochs());
        assertEquals(1024, D.batchSize());
        assertEquals(ContrastiveMode.SUPERVISED, D.mode());
        assertEquals(true, D.deterministic());
    }

    @Test
    void rejectionsNameTheFieldTheValueAndTheRule() {
        expect("epochs must be > 0, got epochs=0", () -> D.withEpochs(0, 0));
        expect("warmupEpochs must be in [0, epochs=5], got warmupEpochs=6", () -> D.withEpochs(5, 6));
        expect("batchSize must be >= 2 (a contrastive batch needs pairs), got batchSize=1", () -> D.withBatchSize(1));
        expect("peakLearningRate must be finite and > 0, got peakLearningRate=-0.001", () -> D.withLearningRate(-1e-3, 0));
        expect("finalLearningRateFraction must be in [0, 1], got finalLearningRateFraction=2.0", () -> D.withLearningRate(1e-3, 2));
        expect("patience must be >= 0 (0 disables early stopping), got patience=-1", () -> D.withPatience(-1));
        expect("progressEverySteps must be >= 0 (0 disables progress lines), got progressEverySteps=-5",
                () -> D.withProgressEverySteps(-5));
    }

    @Test
    void resumeKeyIgnoresOnlyProgressSettings() {
        assertEquals(D.resumeKey(), D.withProgressEverySteps(7).resumeKey());
        assertNotEquals(D.resumeKey(), D.withSeed(2).resumeKey());
        assertNotEquals(D.resumeKey(), D.withDeterministic(false).resumeKey());
    }

    private static void expect(String message, Executable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
        assertEquals(message, e.getMessage());
    }
}
