package org.l1embed.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProcessTest {

    @Test
    void labelsAreZeroToSevenInDeclarationOrder() {
        Process[] all = Process.values();
        assertEquals(Process.COUNT, all.length);
        for (int i = 0; i < all.length; i++) {
            assertEquals(i, all[i].label());
            assertEquals(all[i], Process.ofLabel(i));
        }
        assertEquals(0, Process.W.label());
        assertEquals(1, Process.QCD.label());
        assertEquals(2, Process.Z.label());
        assertEquals(3, Process.TTBAR.label());
        assertEquals(4, Process.A_TO_4L.label());
        assertEquals(5, Process.LQ_TO_B_TAU.label());
        assertEquals(6, Process.H0_TO_TAU_TAU.label());
        assertEquals(7, Process.HPM_TO_TAU_NU.label());
    }

    @Test
    void backgroundsCarryTheCocktailFractionsAndSignalsNone() {
        assertEquals(0.592, Process.W.cocktailFraction());
        assertEquals(0.338, Process.QCD.cocktailFraction());
        assertEquals(0.067, Process.Z.cocktailFraction());
        assertEquals(0.003, Process.TTBAR.cocktailFraction());
        double sum = 0;
        for (Process p : Process.backgrounds()) {
            assertFalse(p.isSignal());
            sum += p.cocktailFraction();
        }
        assertEquals(1.0, sum, 1e-12);
        for (Process p : Process.signals()) {
            assertTrue(p.isSignal());
            assertEquals(0.0, p.cocktailFraction());
        }
        assertEquals(List.of(Process.W, Process.QCD, Process.Z, Process.TTBAR), Process.backgrounds());
    }

    @Test
    void shortNameRoundTripsThroughParseAndIsUnique() {
        Set<String> names = new HashSet<>();
        for (Process p : Process.values()) {
            assertEquals(p, Process.parse(p.toString()));
            assertEquals(p, Process.parse(p.toString().toUpperCase()));
            assertEquals(p, Process.parse(p.name().toLowerCase()));
            assertTrue(names.add(p.shortName().toLowerCase()), p.shortName());
        }
    }

    @Test
    void parseNamesTheAcceptedValuesOnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Process.parse("Higgs"));
        assertEquals("unknown process 'Higgs', expected one of W, QCD, Z, ttbar, Ato4l, leptoquark, hToTauTau, hChToTauNu",
                e.getMessage());
    }

    @Test
    void ofLabelRejectsLabelsOutsideZeroToSeven() {
        assertEquals("label must be in 0..7, got 8",
                assertThrows(IllegalArgumentException.class, () -> Process.ofLabel(8)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Process.ofLabel(-1));
    }

    @ParameterizedTest
    @CsvSource({
        "W.h5, W",
        "qcd.hdf5, QCD",
        "ttbar.h5, ttbar",
        "Ato4l_lepFilter_13TeV.h5, Ato4l",
        "leptoquark_LOWMASS_lepFilter_13TeV.h5, leptoquark",
        "hToTauTau_13TeV_PU20.h5, hToTauTau",
        "hChToTauNu_13TeV_PU20.h5, hChToTauNu",
    })
    void recognizesProcessesFromFileNames(String fileName, String process) {
        assertEquals(Optional.of(Process.parse(process)), Process.fromFileName(fileName));
    }

    @Test
    void theUnlabelledPublicBackgroundFileIsNotRecognized() {
        assertEquals(Optional.empty(), Process.fromFileName("background_for_training.h5"));
        assertEquals(Optional.empty(), Process.fromFileName("Wjets.h5"));
    }
}
