package org.l1embed.hls.render;

import java.util.List;
import java.util.Map;
import org.l1embed.hls.config.FpgaPart;
import org.l1embed.hls.config.HlsConfig;
import org.l1embed.hls.config.IoType;
import org.l1embed.hls.config.Strategy;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.BatchNorm;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.InputSpec;
import org.l1embed.quantization.network.LeakyRelu;
import org.l1embed.quantization.network.Linear;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Relu;
import org.l1embed.quantization.network.Tensor;

/** Hand-built quantized networks and configurations shared by the render tests. */
final class RenderFixtures {

    private RenderFixtures() {
    }

    private static FixedType t(String text) {
        return FixedType.parse(text);
    }

    /**
     * The golden-file network: every layer kind, explicit accumulators, non-default rounding and overflow modes
     * (some weights saturate), an unsigned ReLU output and a dense layer whose weights are narrow enough for LUT
     * multipliers. Built afresh on every call. Its float constants are short decimals so that the canonical
     * network JSON (and so {@code networkSha256}) does not depend on the JDK's {@code Double.toString}.
     */
    static NetworkSpec everyLayerKind() {
        Dense dense1 = new Dense("dense1", 4, 3,
                Tensor.matrix(4, 3, new double[] {0.5, -0.75, 1.3, -1.2, 0.3, 0.05, 2.7, -3.1, 0.9, 0.15, -0.6, 1.05}),
                Tensor.vector(0.2, -0.45, 0.7),
                t("ap_fixed<8,2,AP_RND_CONV,AP_SAT>"), t("ap_fixed<10,3,AP_RND>"), t("ap_fixed<24,10>"),
                t("ap_fixed<16,6,AP_RND,AP_SAT>"));
        BatchNorm bn1 = new BatchNorm("bn1", 3, Tensor.vector(1.1, 0.9, 1.5), Tensor.vector(0.1, -0.2, 0.05),
                Tensor.vector(0.3, -0.1, 0.8), Tensor.vector(1.5, 0.5, 2.0), 0.001,
                t("ap_fixed<12,3,AP_RND_CONV>"), t("ap_fixed<12,4,AP_RND>"), t("ap_fixed<16,6,AP_RND_CONV,AP_SAT>"));
        LeakyRelu lrelu1 = new LeakyRelu("lrelu1", 3, 0.3, t("ap_fixed<8,1,AP_RND_CONV>"), t("ap_fixed<14,5,AP_TRN,AP_SAT_SYM>"));
        Dense dense2 = new Dense("dense2", 3, 2,
                Tensor.matrix(3, 2, new double[] {0.75, -1.5, 0.4, 0.9, -0.25, 1.1}),
                Tensor.vector(-0.3, 0.55),
                t("ap_fixed<6,2,AP_RND>"), t("ap_fixed<8,3>"), t("ap_fixed<22,9,AP_RND_CONV,AP_SAT>"),
                t("ap_fixed<14,6,AP_RND,AP_SAT>"));
        Relu relu1 = new Relu("relu1", 2, t("ap_ufixed<10,4,AP_RND_CONV,AP_SAT>"));
        Linear output = new Linear("output", 2, t("ap_fixed<10,5,AP_RND,AP_SAT_SYM>"));
        return new NetworkSpec("small", InputSpec.flat(4, t("ap_fixed<10,4,AP_RND_CONV,AP_SAT>")),
                List.of(dense1, bn1, lrelu1, dense2, relu1, output));
    }

    /** The golden-file configuration: everything that can differ from the defaults does, dense1 has reuse factor 3. */
    static HlsConfig everyLayerKindConfig() {
        return new HlsConfig("golden_small", "golden_small_top", new FpgaPart("xcvu9p-flga2104-2l-e"), 5.0, 1,
                Map.of("dense1", 3), IoType.IO_PARALLEL, Strategy.LATENCY, 8, 20240611L);
    }

    /**
     * One dense layer {@code nIn → nOut} on a flat input: input, bias and result of {@code dataType}, weights of
     * {@code weightType}, the given accumulator; constants are small varied values.
     */
    static NetworkSpec singleDense(String name, int nIn, int nOut, FixedType dataType, FixedType weightType, FixedType accumulator) {
        double[] w = new double[nIn * nOut];
        for (int k = 0; k < w.length; k++) {
            w[k] = ((k * 37) % 19 - 9) / 8.0;
        }
        double[] b = new double[nOut];
        for (int j = 0; j < nOut; j++) {
            b[j] = (j % 5 - 2) / 4.0;
        }
        Dense d = new Dense("fc1", nIn, nOut, Tensor.matrix(nIn, nOut, w), Tensor.vector(b), weightType, dataType, accumulator,
                dataType);
        return new NetworkSpec(name, InputSpec.flat(nIn, dataType), List.of(d));
    }
}
