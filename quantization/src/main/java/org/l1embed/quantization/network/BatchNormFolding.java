package org.l1embed.quantization.network;

import java.util.ArrayList;
import java.util.List;

/**
 * The pass that folds every BatchNorm directly following a Dense into that Dense, in float (double)
 * arithmetic, before quantization: {@code scale = gamma / sqrt(var + eps)}, {@code W' = scale·W} (per output
 * column), {@code b' = scale·(b - mean) + beta}.
 *
 * <p>The folded Dense keeps its name and its weight, bias and accumulator types; its result type becomes the
 * BatchNorm's result type (the type the original pair produced). A BatchNorm that does not follow a Dense is
 * left in place. Returns a new spec; the input is not changed.
 */
public final class BatchNormFolding {

    private BatchNormFolding() {
    }

    public static NetworkSpec apply(NetworkSpec spec) {
        List<Layer> out = new ArrayList<>();
        List<Layer> in = spec.layers();
        for (int i = 0; i < in.size(); i++) {
            Layer layer = in.get(i);
            if (layer instanceof Dense dense && i + 1 < in.size() && in.get(i + 1) instanceof BatchNorm bn) {
                out.add(fold(dense, bn));
                i++;
            } else {
                out.add(layer);
            }
        }
        return spec.withLayers(out);
    }

    /** The Dense that computes {@code bn(dense(x))}. */
    public static Dense fold(Dense dense, BatchNorm bn) {
        if (dense.isQuantized() != bn.isQuantized()) {
            throw new IllegalArgumentException("cannot fold " + bn.name() + " into " + dense.name()
                    + ": one is quantized and the other is not");
        }
        int nIn = dense.inputs();
        int nOut = dense.outputs();
        double[] w = new double[nIn * nOut];
        double[] b = new double[nOut];
        for (int j = 0; j < nOut; j++) {
            double scale = bn.scale(j);
            for (int i = 0; i < nIn; i++) {
                w[i * nOut + j] = scale * dense.weights().get(i, j);
            }
            b[j] = scale * (dense.bias().get(j) - bn.mean().get(j)) + bn.beta().get(j);
        }
        return new Dense(dense.name(), nIn, nOut, Tensor.matrix(nIn, nOut, w), Tensor.vector(b),
                dense.weightType(), dense.biasType(), dense.accumulatorType(), bn.resultType());
    }
}
