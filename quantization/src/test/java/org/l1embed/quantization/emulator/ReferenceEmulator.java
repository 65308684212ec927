package org.l1embed.quantization.emulator;

import java.math.BigInteger;
import org.l1embed.quantization.fixed.ApFixedOracle;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.BatchNorm;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.LeakyRelu;
import org.l1embed.quantization.network.NetworkSpec;

/**
 * An independent, deliberately plain emulator for tests: BigInteger raw values, every conversion through the
 * BigInteger oracle written from the rule tables, the dense convention spelled out step by step. Shares no
 * code with {@link Emulator} beyond the spec records.
 */
final class ReferenceEmulator {

    private final NetworkSpec spec;

    ReferenceEmulator(NetworkSpec spec) {
        this.spec = spec;
    }

    /** Raw outputs of one event. */
    BigInteger[] run(float[] event) {
        FixedType inType = spec.input().type();
        BigInteger[] x = new BigInteger[event.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = ApFixedOracle.fromDouble(event[i], inType);
        }
        FixedType t = inType;
        for (Layer layer : spec.layers()) {
            x = layer(layer, x, t);
            t = layer.outputType().orElseThrow();
        }
        return x;
    }

    private static BigInteger[] layer(Layer layer, BigInteger[] x, FixedType in) {
        int fx = in.fractionalBits();
        BigInteger[] y = new BigInteger[layer.outputSize()];
        switch (layer.kind()) {
            case DENSE -> {
                Dense d = (Dense) layer;
                FixedType acc = d.accumulatorType();
                int fp = fx + d.weightType().fractionalBits();
                for (int j = 0; j < d.outputs(); j++) {
                    BigInteger b = ApFixedOracle.fromDouble(d.bias().get(j), d.biasType());
                    BigInteger a = ApFixedOracle.convert(b, d.biasType().fractionalBits(), acc);
                    for (int i = 0; i < d.inputs(); i++) {
                        BigInteger w = ApFixedOracle.fromDouble(d.weights().get(i, j), d.weightType());
                        BigInteger product = x[i].multiply(w);
                        BigInteger productInAcc = ApFixedOracle.convert(product, fp, acc);
                        a = ApFixedOracle.convert(a.add(productInAcc), acc.fractionalBits(), acc);
                    }
                    y[j] = ApFixedOracle.convert(a, acc.fractionalBits(), d.resultType());
                }
            }
            case BATCH_NORM -> {
                BatchNorm b = (BatchNorm) layer;
                int fs = b.scaleType().fractionalBits();
                int fh = b.shiftType().fractionalBits();
                int f = Math.max(fx + fs, fh);
                for (int i = 0; i < y.length; i++) {
                    BigInteger s = ApFixedOracle.fromDouble(b.scale(i), b.scaleType());
                    BigInteger h = ApFixedOracle.fromDouble(b.shift(i), b.shiftType());
                    BigInteger sum = x[i].multiply(s).shiftLeft(f - fx - fs).add(h.shiftLeft(f - fh));
                    y[i] = ApFixedOracle.convert(sum, f, b.resultType());
                }
            }
            case RELU -> {
                FixedType r = layer.outputType().orElseThrow();
                for (int i = 0; i < y.length; i++) {
                    y[i] = ApFixedOracle.convert(x[i].signum() > 0 ? x[i] : BigInteger.ZERO, fx, r);
                }
            }
            case LEAKY_RELU -> {
                LeakyRelu lr = (LeakyRelu) layer;
                BigInteger alpha = ApFixedOracle.fromDouble(lr.alpha(), lr.alphaType());
                for (int i = 0; i < y.length; i++) {
                    y[i] = x[i].signum() > 0
                            ? ApFixedOracle.convert(x[i], fx, lr.resultType())
                            : ApFixedOracle.convert(x[i].multiply(alpha), fx + lr.alphaType().fractionalBits(), lr.resultType());
                }
            }
            case LINEAR -> {
                FixedType r = layer.outputType().orElseThrow();
                for (int i = 0; i < y.length; i++) {
                    y[i] = ApFixedOracle.convert(x[i], fx, r);
                }
            }
        }
        return y;
    }
}
