package org.l1embed.quantization.emulator;

import java.util.ArrayList;
import java.util.List;
import org.l1embed.quantization.fixed.DoubleQuantizer;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.BatchNorm;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.LeakyRelu;
import org.l1embed.quantization.network.Linear;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Relu;

/**
 * The bit-accurate emulator: runs a quantized {@link NetworkSpec} on float inputs and returns exactly the raw
 * integers the firmware computes.
 *
 * <p>Input path: each input value is a float32 (as a C testbench reads it) converted into the input type
 * with that type's rounding and overflow modes. Layers follow the conventions of {@code docs/fixed-point.md}.
 * Preprocessing is not applied here: inputs are network inputs (see
 * {@link org.l1embed.quantization.network.Preprocessing#apply}).
 *
 * <p>Dense layers take a fast path where it provably computes the same bits (see {@link DenseKernels});
 * {@link Strategy#GENERAL} forces every conversion of the HLS kernel, and a detailed run
 * ({@link #emulate(float[], boolean)}) always uses the general path because it counts overflows.
 *
 * <p>Immutable and thread-safe: one compiled emulator serves any number of threads.
 */
public final class Emulator {

    /** Which dense kernels to use. */
    public enum Strategy {
        /**
         * The fast kernel wherever its conditions hold (on the Vector API when its module is present and
         * {@code -Dl1embed.emulator.scalar=true} is not set), the general one elsewhere.
         */
        AUTO,
        /** As {@link #AUTO} but never the Vector API: for comparison and for JVMs without the module. */
        SCALAR,
        /** The general kernel everywhere. */
        GENERAL
    }

    private final NetworkSpec spec;
    private final DoubleQuantizer inputQuantizer;
    private final LayerKernel[] kernels;          // the strategy's kernels
    private final LayerKernel[] generalKernels;   // always general: used for detailed runs
    private final int inputSize;
    private final int maxWidth;

    private Emulator(NetworkSpec spec, Strategy strategy) {
        this.spec = spec.requireQuantized();
        this.inputQuantizer = new DoubleQuantizer(spec.input().type().requireFitsLong());
        List<Layer> layers = spec.layers();
        this.kernels = new LayerKernel[layers.size()];
        this.generalKernels = new LayerKernel[layers.size()];
        int widest = spec.input().size();
        for (int i = 0; i < layers.size(); i++) {
            FixedType inType = spec.inputTypeOf(i);
            Layer layer = layers.get(i);
            generalKernels[i] = kernel(layer, inType, Kernels.GENERAL);
            kernels[i] = switch (strategy) {
                case AUTO -> kernel(layer, inType, DenseKernels.VECTOR_API ? Kernels.VECTOR : Kernels.SCALAR);
                case SCALAR -> kernel(layer, inType, Kernels.SCALAR);
                case GENERAL -> generalKernels[i];
            };
            widest = Math.max(widest, DenseKernels.paddedSize(layer.outputSize()));
        }
        this.inputSize = spec.input().size();
        this.maxWidth = widest;
    }

    /** Compiles a quantized network with {@link Strategy#AUTO}. */
    public static Emulator compile(NetworkSpec spec) {
        return new Emulator(spec, Strategy.AUTO);
    }

    /**
     * Compiles a quantized network.
     *
     * @throws IllegalArgumentException if the network is not quantized, or a type is too wide to emulate in 64 bits
     */
    public static Emulator compile(NetworkSpec spec, Strategy strategy) {
        return new Emulator(spec, strategy);
    }

    /** Which dense kernels a compiled layer may use. */
    enum Kernels { GENERAL, SCALAR, VECTOR }

    private static LayerKernel kernel(Layer layer, FixedType inType, Kernels kernels) {
        return switch (layer.kind()) {
            case DENSE -> {
                Dense d = (Dense) layer;
                LayerKernel k = kernels == Kernels.GENERAL ? null : DenseKernels.fastOrNull(d, inType, kernels == Kernels.VECTOR);
                yield k != null ? k : DenseKernels.general(d, inType);
            }
            case BATCH_NORM -> ElementwiseKernels.batchNorm((BatchNorm) layer, inType);
            case RELU -> ElementwiseKernels.relu((Relu) layer, inType);
            case LEAKY_RELU -> ElementwiseKernels.leakyRelu((LeakyRelu) layer, inType);
            case LINEAR -> ElementwiseKernels.linear((Linear) layer, inType);
        };
    }

    public NetworkSpec spec() {
        return spec;
    }

    public int inputSize() {
        return inputSize;
    }

    public int outputSize() {
        return spec.outputSize();
    }

    public FixedType outputType() {
        return spec.outputType();
    }

    /** Per layer, the kernel path in use ("fast (...)", "general", or the activation name). */
    public List<String> paths() {
        List<String> out = new ArrayList<>();
        for (LayerKernel k : kernels) {
            out.add(k.path());
        }
        return List.copyOf(out);
    }

    /**
     * Emulates a batch: {@code inputs} holds {@code inputs.length / inputSize()} events back to back.
     *
     * @return raw outputs, {@code outputSize()} per event, in the output type
     * @throws IllegalArgumentException if the length is not a multiple of the input size, or a value is NaN/infinite
     */
    public long[] emulateRaw(float[] inputs) {
        int events = eventCount(inputs);
        long[] out = new long[events * outputSize()];
        emulateRaw(inputs, 0, events, out, 0);
        return out;
    }

    /**
     * Emulates {@code events} events starting at event {@code firstEvent} of {@code inputs}, writing raw outputs
     * to {@code out} from {@code outOffset}. Allocates only per-call scratch space.
     */
    public void emulateRaw(float[] inputs, int firstEvent, int events, long[] out, int outOffset) {
        long[] a = new long[maxWidth];
        long[] b = new long[maxWidth];
        int[] scratch = new int[maxWidth];
        int nOut = outputSize();
        for (int e = 0; e < events; e++) {
            int base = (firstEvent + e) * inputSize;
            quantizeInputs(inputs, base, firstEvent + e, a);
            long[] cur = a;
            long[] next = b;
            for (LayerKernel k : kernels) {
                k.forward(cur, next, scratch, null);
                long[] t = cur;
                cur = next;
                next = t;
            }
            System.arraycopy(cur, 0, out, outOffset + e * nOut, nOut);
        }
    }

    /**
     * Emulates a batch along the general path, counting overflows per layer, and optionally keeping every
     * layer's raw output (trace).
     */
    public EmulationResult emulate(float[] inputs, boolean trace) {
        int events = eventCount(inputs);
        int nLayers = kernels.length;
        long[][] traces = trace ? new long[nLayers][] : null;
        if (trace) {
            for (int l = 0; l < nLayers; l++) {
                traces[l] = new long[events * generalKernels[l].outputSize()];
            }
        }
        long[][] overflows = new long[nLayers][2];
        long inputOverflows = 0;
        long[] out = new long[events * outputSize()];
        long[] a = new long[maxWidth];
        long[] b = new long[maxWidth];
        int[] scratch = new int[maxWidth];
        for (int e = 0; e < events; e++) {
            int base = e * inputSize;
            quantizeInputs(inputs, base, e, a);
            for (int i = 0; i < inputSize; i++) {
                inputOverflows += inputQuantizer.overflows(inputs[base + i]) ? 1 : 0;
            }
            long[] cur = a;
            long[] next = b;
            for (int l = 0; l < nLayers; l++) {
                LayerKernel k = generalKernels[l];
                k.forward(cur, next, scratch, overflows[l]);
                if (trace) {
                    System.arraycopy(next, 0, traces[l], e * k.outputSize(), k.outputSize());
                }
                long[] t = cur;
                cur = next;
                next = t;
            }
            System.arraycopy(cur, 0, out, e * outputSize(), outputSize());
        }
        List<EmulationResult.LayerReport> reports = new ArrayList<>();
        for (int l = 0; l < nLayers; l++) {
            Layer layer = spec.layers().get(l);
            reports.add(new EmulationResult.LayerReport(layer.name(), layer.kind(), generalKernels[l].resultType(),
                    overflows[l][LayerKernel.ACCUMULATOR], overflows[l][LayerKernel.RESULT],
                    trace ? traces[l] : null));
        }
        return new EmulationResult(events, outputSize(), outputType(), out, inputOverflows, reports);
    }

    private int eventCount(float[] inputs) {
        if (inputs.length % inputSize != 0) {
            throw new IllegalArgumentException("inputs: expected a multiple of " + inputSize + " values (input size of network '"
                    + spec.name() + "'), got " + inputs.length);
        }
        return inputs.length / inputSize;
    }

    private void quantizeInputs(float[] inputs, int base, int event, long[] into) {
        for (int i = 0; i < inputSize; i++) {
            float x = inputs[base + i];
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException("inputs: event " + event + ", feature " + i + " is " + x
                        + "; inputs must be finite");
            }
        }
        inputQuantizer.quantizeAll(inputs, base, into, inputSize);
    }
}
