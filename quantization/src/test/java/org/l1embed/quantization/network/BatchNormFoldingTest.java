package org.l1embed.quantization.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.l1embed.quantization.emulator.FloatNetwork;

class BatchNormFoldingTest {

    @Test
    void foldedNetworkComputesTheSameFloatFunction() {
        SplittableRandom rnd = new SplittableRandom(3);
        double[] w = new double[4 * 3];
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextDouble(-1, 1);
        }
        Dense d = Dense.floating("d", Tensor.matrix(4, 3, w), Tensor.vector(0.1, -0.2, 0.3));
        BatchNorm bn = new BatchNorm("bn", 3, Tensor.vector(1.2, 0.8, 1.0), Tensor.vector(0.05, 0.0, -0.3),
                Tensor.vector(0.2, -0.1, 0.4), Tensor.vector(0.7, 1.3, 2.0), 1e-3, null, null, null);
        NetworkSpec spec = new NetworkSpec("n", InputSpec.flat(4, null), List.of(d, bn, new Relu("r", 3, null)));
        NetworkSpec folded = BatchNormFolding.apply(spec);
        assertEquals(2, folded.layers().size());
        assertInstanceOf(Dense.class, folded.layers().get(0));
        FloatNetwork a = new FloatNetwork(spec);
        FloatNetwork b = new FloatNetwork(folded);
        for (int k = 0; k < 100; k++) {
            double[] x = {rnd.nextDouble(-3, 3), rnd.nextDouble(-3, 3), rnd.nextDouble(-3, 3), rnd.nextDouble(-3, 3)};
            double[] ya = a.forward(x);
            double[] yb = b.forward(x);
            for (int j = 0; j < 3; j++) {
                // Folding reassociates float arithmetic: equal up to double rounding, not bit for bit.
                assertEquals(ya[j], yb[j], 1e-12);
            }
        }
    }

    @Test
    void foldsWithTheDocumentedFormula() {
        Dense d = Dense.floating("d", Tensor.matrix(1, 1, new double[] {2.0}), Tensor.vector(1.0));
        BatchNorm bn = new BatchNorm("bn", 1, Tensor.vector(3.0), Tensor.vector(0.5), Tensor.vector(0.25), Tensor.vector(4.0),
                0.0, null, null, null);
        Dense f = BatchNormFolding.fold(d, bn);
        // scale = 3 / sqrt(4) = 1.5; W' = 3; b' = 1.5·(1 - 0.25) + 0.5 = 1.625
        assertEquals(3.0, f.weights().get(0, 0));
        assertEquals(1.625, f.bias().get(0));
    }
}
