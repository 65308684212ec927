package org.l1embed.training.nuisance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NuisanceConfigTest {

    @Test
    void parsesKnownNuisanceCaseInsensitively() {
        assertEquals(Nuisance.JES, NuisanceConfig.of("jes", 0.05, 1, 0.1).nuisance());
    }

    @Test
    void refusesUnknownNuisanceListingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NuisanceConfig.of("JER", 0.05, 1, 0.1));
        assertEquals("unknown nuisance 'JER'; known: [JES]", e.getMessage());
    }

    @Test
    void refusesNonPositiveOrNonFiniteRange() {
        for (double r : new double[] {0.0, -0.05, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NuisanceConfig(Nuisance.JES, r, 1, 0.1));
            assertEquals("range must be finite and > 0, got range=" + r, e.getMessage());
        }
    }

    @Test
    void refusesOrderOutsideOneToTwoAndNegativeLambda() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new NuisanceConfig(Nuisance.JES, 0.05, 3, 0.1))
                .getMessage().contains("order must be 1 or 2, got order=3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new NuisanceConfig(Nuisance.JES, 0.05, 0, 0.1))
                .getMessage().contains("order=0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new NuisanceConfig(Nuisance.JES, 0.05, 1, -0.1))
                .getMessage().contains("lambda must be finite and >= 0, got lambda=-0.1"));
        assertThrows(NullPointerException.class, () -> new NuisanceConfig(null, 0.05, 1, 0.1));
    }
}
