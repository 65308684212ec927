package org.l1embed.quantization.network;

/** A layer that maps {@code size} values to {@code size} values (activations, casts, BatchNorm). */
public sealed interface ElementwiseLayer extends Layer permits BatchNorm, Relu, LeakyRelu, Linear {

    /** Number of values in and out. */
    int size();

    @Override
    default int inputSize() {
        return size();
    }

    @Override
    default int outputSize() {
        return size();
    }
}
