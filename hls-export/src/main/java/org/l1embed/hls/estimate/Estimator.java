package org.l1embed.hls.estimate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.l1embed.hls.config.FpgaPart;
import org.l1embed.quantization.fixed.FixedType;

/**
 * The formulas. Each is named in {@link #FORMULAS}, which {@code layers.json} and the project README quote.
 *
 * <p>Widths are the operands' bit widths (W). A product whose narrower operand has at most
 * {@value #LUT_MULTIPLIER_MAX_BITS} bits is assumed to map to LUTs (as HLS tools do for narrow constants),
 * otherwise to DSP slices, the wider operand on the slice's wider port.
 */
public final class Estimator {

    /** Narrower-operand width up to which a multiplier is built from LUTs. */
    public static final int LUT_MULTIPLIER_MAX_BITS = 9;
    /** Vivado/Vitis HLS refuses to unroll loops of more operations than this. */
    public static final int UNROLL_LIMIT = 4096;

    /** Formula name → formula text, in a fixed order. */
    public static final Map<String, String> FORMULAS;

    static {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("dense.multipliers", "ceil(n_in * n_out / reuse_factor)");
        f.put("multiplier.dsp", "0 if min(W_a, W_b) <= " + LUT_MULTIPLIER_MAX_BITS
                + ", else ceil(max(W_a, W_b) / port_A) * ceil(min(W_a, W_b) / port_B) (DSP48E1 25x18, DSP48E2 27x18, DSP58 27x24)");
        f.put("multiplier.lut", "ceil(W_a * W_b / 2) for a LUT multiplier, else 0");
        f.put("dense.lut", "multipliers * multiplier.lut + n_out * ceil(n_in / reuse_factor) * W_accum (one adder per product)");
        f.put("dense.latency", "(reuse_factor - 1) + 1 (multiply) + adders + 1 (output cast); adders = ceil(log2(n_in + 1)) "
                + "(a tree) when the accumulator wraps and keeps every fractional bit of products and bias, else "
                + "ceil(n_in / reuse_factor) (a chain: saturation or rounding after each add fixes the order)");
        f.put("dense.unroll", "n_in * n_out / reuse_factor <= " + UNROLL_LIMIT + " multiplications per pipeline iteration");
        f.put("batchnorm", "n multipliers (x * scale); lut = n * multiplier.lut + n * W_sum; latency 2 (multiply, add)");
        f.put("leaky_relu", "n multipliers (alpha * x); lut = n * multiplier.lut + n * W_result; latency 1");
        f.put("relu, linear", "no multipliers; lut = n * W_result (compare and select, or cast); latency 1");
        f.put("network.latency", "sum of layer latencies; initiation interval = 1 when every reuse factor is 1 (top function "
                + "pipelined), else the latency (layers run one after another, each dense layer pipelining its own rounds)");
        FORMULAS = Map.copyOf(f);
    }

    private final FpgaPart.DspSlice dsp;

    public Estimator(FpgaPart part) {
        this.dsp = part.dsp();
    }

    public FpgaPart.DspSlice dspSlice() {
        return dsp;
    }

    /** DSP slices for one multiplier of operands {@code a} and {@code b}. */
    public long dspPerMultiplier(FixedType a, FixedType b) {
        int wide = Math.max(a.width(), b.width());
        int narrow = Math.min(a.width(), b.width());
        if (narrow <= LUT_MULTIPLIER_MAX_BITS) {
            return 0;
        }
        return (long) ceilDiv(wide, dsp.portA()) * ceilDiv(narrow, dsp.portB());
    }

    /** LUTs for one multiplier of operands {@code a} and {@code b} (0 when it maps to DSPs). */
    public long lutPerMultiplier(FixedType a, FixedType b) {
        return dspPerMultiplier(a, b) == 0 ? ceilDiv(a.width() * b.width(), 2) : 0;
    }

    public LayerEstimate dense(int nIn, int nOut, int reuseFactor, FixedType input, FixedType weight, FixedType bias,
                               FixedType accumulator) {
        long multipliers = ceilDiv((long) nIn * nOut, reuseFactor);
        long lut = multipliers * lutPerMultiplier(input, weight)
                + (long) nOut * ceilDiv(nIn, reuseFactor) * accumulator.width();
        boolean tree = accumulator.overflow() == org.l1embed.quantization.fixed.Overflow.WRAP
                && accumulator.fractionalBits() >= input.fractionalBits() + weight.fractionalBits()
                && accumulator.fractionalBits() >= bias.fractionalBits();
        int adders = tree ? ceilLog2(nIn + 1) : ceilDiv(nIn, reuseFactor);
        int latency = (reuseFactor - 1) + 1 + adders + 1;
        return new LayerEstimate(multipliers, multipliers * dspPerMultiplier(input, weight), lut, latency);
    }

    public LayerEstimate batchNorm(int n, FixedType input, FixedType scale, FixedType sum) {
        return new LayerEstimate(n, n * dspPerMultiplier(input, scale), n * lutPerMultiplier(input, scale) + (long) n * sum.width(), 2);
    }

    public LayerEstimate leakyRelu(int n, FixedType input, FixedType alpha, FixedType result) {
        return new LayerEstimate(n, n * dspPerMultiplier(input, alpha), n * lutPerMultiplier(input, alpha) + (long) n * result.width(), 1);
    }

    public LayerEstimate selectOrCast(int n, FixedType result) {
        return new LayerEstimate(0, 0, (long) n * result.width(), 1);
    }

    static int ceilLog2(int n) {
        return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
