package org.l1embed.hls.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An AMD/Xilinx part name (e.g. {@code xcvu13p-flga2577-2-e}) and the DSP slice its family has, which the
 * resource estimate needs.
 *
 * @param name the part as the vendor tools take it
 */
public record FpgaPart(String name) {

    private static final Pattern PART = Pattern.compile("xc[a-z0-9]+(-[a-z0-9]+){1,4}", Pattern.CASE_INSENSITIVE);

    /** The CMS Phase-2 Level-1 trigger FPGA used as the default. */
    public static final FpgaPart DEFAULT = new FpgaPart("xcvu13p-flga2577-2-e");

    public FpgaPart {
        if (name == null || !PART.matcher(name).matches()) {
            throw new IllegalArgumentException("part must be an AMD/Xilinx part name such as xcvu13p-flga2577-2-e "
                    + "(xc<device>-<package>-<speed grade>[-<temperature>]), got '" + name + "'");
        }
    }

    /** The DSP slice of this part's family, from the device name prefix. */
    public DspSlice dsp() {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("xc7")) {
            return DspSlice.DSP48E1;
        }
        if (n.matches("xcv[cmpe][0-9].*") || n.startsWith("xcvh")) {
            return DspSlice.DSP58;
        }
        return DspSlice.DSP48E2;
    }

    /** DSP slices: the widths of the multiplier's two ports. */
    public enum DspSlice {
        /** 7-series: 25 × 18. */
        DSP48E1(25, 18),
        /** UltraScale and UltraScale+: 27 × 18. */
        DSP48E2(27, 18),
        /** Versal: 27 × 24. */
        DSP58(27, 24);

        private final int portA;
        private final int portB;

        DspSlice(int portA, int portB) {
            this.portA = portA;
            this.portB = portB;
        }

        public int portA() {
            return portA;
        }

        public int portB() {
            return portB;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
