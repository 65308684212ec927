package org.l1embed.service.batching;

/**
 * One backend of one loaded model, as the batcher sees it: a computation on a batch of events whose outputs are
 * event-major, so that the outputs of a merged batch split into the outputs of its requests.
 *
 * <p>The implementation must be row-independent: the outputs of an event may not depend on the other events of the
 * batch. ONNX Runtime's CPU kernels for the service's MLPs and the emulator are; {@code BatchingTest} checks it with
 * equality.
 *
 * @param <O> the outputs of a batch, e.g. {@code float[]} latents or {@code long[]} raw fixed-point values
 */
public interface BatchKernel<O> {

    /**
     * Computes a batch.
     *
     * @param features {@code events × size} raw features, event-major
     * @param events   the number of events, >= 1
     * @return the outputs of every event, event-major
     */
    O compute(float[] features, int events);

    /** The outputs of events {@code [from, from + count)} of a batch's outputs, as a new value. */
    O slice(O outputs, int from, int count);
}
