package org.l1embed.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CocktailTest {

    @Test
    void splitsAMillionEventsExactlyByTheFractions() {
        Map<Process, Long> c = Cocktail.split(1_000_000, Process.backgrounds());
        assertEquals(Map.of(Process.W, 592_000L, Process.QCD, 338_000L, Process.Z, 67_000L, Process.TTBAR, 3_000L), c);
        assertEquals(List.of(Process.W, Process.QCD, Process.Z, Process.TTBAR), List.copyOf(c.keySet()));
    }

    @Test
    void countsAlwaysSumToTheTotal() {
        for (long n = 0; n < 2000; n++) {
            long sum = Cocktail.split(n, Process.backgrounds()).values().stream().mapToLong(Long::longValue).sum();
            assertEquals(n, sum, "n=" + n);
        }
    }

    @Test
    void leftoverEventsGoToTheLargestRemainders() {
        // 10 × (0.592, 0.338, 0.067, 0.003) = 5.92, 3.38, 0.67, 0.03: floors 5, 3, 0, 0; one left, to W (0.92).
        assertEquals(Map.of(Process.W, 6L, Process.QCD, 3L, Process.Z, 1L, Process.TTBAR, 0L),
                Cocktail.split(10, Process.backgrounds()));
    }

    @Test
    void renormalizesOverTheChosenBackgrounds() {
        // W : Z = 0.592 : 0.067.
        Map<Process, Long> c = Cocktail.split(659, List.of(Process.Z, Process.W));
        assertEquals(Map.of(Process.W, 592L, Process.Z, 67L), c);
    }

    @Test
    void refusesSignalsAndEmptyChoices() {
        assertThrows(IllegalArgumentException.class, () -> Cocktail.split(10, List.of(Process.A_TO_4L)));
        assertThrows(IllegalArgumentException.class, () -> Cocktail.split(10, List.of()));
        assertThrows(IllegalArgumentException.class, () -> Cocktail.split(-1, Process.backgrounds()));
    }
}
