package org.l1embed.hls.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HlsConfigTest {

    private static String error(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void namesTheFieldAndValueOfBadSettings() {
        HlsConfig ok = HlsConfig.defaults("p");
        assertEquals("part must be an AMD/Xilinx part name such as xcvu13p-flga2577-2-e (xc<device>-<package>-<speed grade>"
                + "[-<temperature>]), got 'vu13p'", error(() -> new FpgaPart("vu13p")));
        assertEquals("clockPeriodNs must be in (0, 100] nanoseconds, got clockPeriodNs=0.0", error(() -> ok.withClockPeriodNs(0)));
        assertEquals("clockPeriodNs must be in (0, 100] nanoseconds, got clockPeriodNs=NaN", error(() -> ok.withClockPeriodNs(Double.NaN)));
        assertEquals("defaultReuseFactor must be >= 1, got defaultReuseFactor=0", error(() -> ok.withReuse(0, Map.of())));
        assertEquals("reuseFactors: reuse factor of layer 'd' must be >= 1, got -2", error(() -> ok.withReuse(1, Map.of("d", -2))));
        assertEquals("projectName must be a C identifier (a letter, then letters, digits or '_', at most 63 characters, not a C++ "
                + "keyword), got 'my-project'", error(() -> HlsConfig.defaults("my-project")));
        assertEquals("projectName must be a C identifier (a letter, then letters, digits or '_', at most 63 characters, not a C++ "
                + "keyword), got 'int'", error(() -> HlsConfig.defaults("int")));
        assertEquals("testbenchEvents must be in 1..1000000, got testbenchEvents=0", error(() -> ok.withTestbench(0, 1)));
    }

    @Test
    void knowsTheDspSliceOfEachFamily() {
        assertEquals(FpgaPart.DspSlice.DSP48E2, FpgaPart.DEFAULT.dsp());
        assertEquals(FpgaPart.DspSlice.DSP48E2, new FpgaPart("xcku15p-ffva1760-2-e").dsp());
        assertEquals(FpgaPart.DspSlice.DSP48E1, new FpgaPart("xc7vx690tffg1927-2").dsp());
        assertEquals(FpgaPart.DspSlice.DSP58, new FpgaPart("xcvc1902-vsva2197-2MP-e-S").dsp());
    }
}
