package org.l1embed.service.grpc;

import static org.l1embed.service.errors.ServiceException.invalidArgument;

import com.google.protobuf.UnsafeByteOperations;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.l1embed.proto.inference.DataType;
import org.l1embed.proto.inference.InferStatistics;
import org.l1embed.proto.inference.InferTensorContents;
import org.l1embed.proto.inference.ModelConfig;
import org.l1embed.proto.inference.ModelDynamicBatching;
import org.l1embed.proto.inference.ModelInferRequest;
import org.l1embed.proto.inference.ModelInferResponse;
import org.l1embed.proto.inference.ModelInput;
import org.l1embed.proto.inference.ModelInstanceGroup;
import org.l1embed.proto.inference.ModelMetadataResponse;
import org.l1embed.proto.inference.ModelOutput;
import org.l1embed.proto.inference.ModelParameter;
import org.l1embed.proto.inference.ModelQueuePolicy;
import org.l1embed.proto.inference.ModelStatistics;
import org.l1embed.proto.inference.RepositoryIndexResponse;
import org.l1embed.proto.inference.StatisticDuration;
import org.l1embed.service.batching.BatchPolicy;
import org.l1embed.service.kserve.Datatype;
import org.l1embed.service.kserve.IndexEntry;
import org.l1embed.service.kserve.InferRequest;
import org.l1embed.service.kserve.InferResponse;
import org.l1embed.service.kserve.ServedModelInfo;
import org.l1embed.service.kserve.TensorCodec;
import org.l1embed.service.kserve.TensorSpec;
import org.l1embed.service.kserve.TensorValues;
import org.l1embed.service.metrics.ServiceMetrics.TritonStatistics;
import org.l1embed.service.repository.ModelKey;

/** KServe v2 protobuf messages ↔ the {@code kserve} package's records. Pure functions. */
final class KServeMapping {

    private KServeMapping() {
    }

    /**
     * A {@code ModelInferRequest} as a domain request: raw contents (one little-endian entry per input, in input order)
     * or typed contents, never both.
     *
     * @throws org.l1embed.service.errors.ServiceException INVALID_ARGUMENT when raw contents do not match the inputs one
     *                                                     to one, or an input has both forms
     */
    static InferRequest request(ModelInferRequest r) {
        boolean raw = r.getRawInputContentsCount() > 0;
        if (raw && r.getRawInputContentsCount() != r.getInputsCount()) {
            throw invalidArgument("raw_input_contents: expected one entry per input (" + r.getInputsCount() + "), got "
                    + r.getRawInputContentsCount());
        }
        List<InferRequest.Input> inputs = new ArrayList<>(r.getInputsCount());
        for (int i = 0; i < r.getInputsCount(); i++) {
            ModelInferRequest.InferInputTensor t = r.getInputs(i);
            if (raw && t.hasContents()) {
                throw invalidArgument("inputs[" + i + "].contents: must be unset when raw_input_contents is used (input '"
                        + t.getName() + "')");
            }
            TensorValues values = raw ? TensorCodec.raw(r.getRawInputContents(i).asReadOnlyByteBuffer()) : typed(t.getContents());
            inputs.add(new InferRequest.Input(t.getName(), t.getDatatype(), t.getShapeList(), values,
                    raw ? "raw_input_contents[" + i + "]" : "inputs[" + i + "].contents"));
        }
        List<String> outputs = r.getOutputsList().stream().map(ModelInferRequest.InferRequestedOutputTensor::getName).toList();
        return new InferRequest(r.getModelName(), r.getModelVersion(), r.getId(), inputs, outputs);
    }

    /** Typed contents: the repeated field of the tensor's datatype. */
    private static TensorValues typed(InferTensorContents c) {
        return (datatype, count, field) -> switch (datatype) {
            case FP32 -> TensorCodec.numbers(c.getFp32ContentsList(), "fp32_contents").toFloats(datatype, count, field);
            case FP64 -> TensorCodec.numbers(c.getFp64ContentsList(), "fp64_contents").toFloats(datatype, count, field);
            case INT32 -> TensorCodec.numbers(c.getIntContentsList(), "int_contents").toFloats(datatype, count, field);
            case INT64 -> TensorCodec.numbers(c.getInt64ContentsList(), "int64_contents").toFloats(datatype, count, field);
        };
    }

    /** The response: every output's values in raw_output_contents, in output order. */
    static ModelInferResponse response(InferResponse r) {
        ModelInferResponse.Builder b = ModelInferResponse.newBuilder().setModelName(r.modelName())
                .setModelVersion(r.modelVersion()).setId(r.id());
        for (InferResponse.Output o : r.outputs()) {
            b.addOutputs(ModelInferResponse.InferOutputTensor.newBuilder().setName(o.name()).setDatatype(o.datatype().name())
                    .addAllShape(o.shape()));
            b.addRawOutputContents(UnsafeByteOperations.unsafeWrap(o.littleEndian()));   // not changed afterwards
        }
        return b.build();
    }

    static ModelMetadataResponse metadata(ServedModelInfo m) {
        ModelMetadataResponse.Builder b = ModelMetadataResponse.newBuilder().setName(m.name()).addAllVersions(m.versions())
                .setPlatform(m.platform());
        for (TensorSpec t : m.inputs()) {
            b.addInputs(tensorMetadata(t));
        }
        for (TensorSpec t : m.outputs()) {
            b.addOutputs(tensorMetadata(t));
        }
        return b.build();
    }

    /** Shape with the batch dimension, -1 (variable). */
    private static ModelMetadataResponse.TensorMetadata tensorMetadata(TensorSpec t) {
        return ModelMetadataResponse.TensorMetadata.newBuilder().setName(t.name()).setDatatype(t.datatype().name())
                .addAllShape(t.batchedShape()).build();
    }

    static ModelConfig config(ServedModelInfo m) {
        BatchPolicy p = m.batching();
        ModelConfig.Builder b = ModelConfig.newBuilder().setName(m.name()).setPlatform(m.platform())
                .setBackend(m.backendName()).setMaxBatchSize(m.maxBatchSize())
                .addInstanceGroup(ModelInstanceGroup.newBuilder().setName(m.name()).setCount(1)
                        .setKind(switch (m.device()) {
                            case CPU -> ModelInstanceGroup.Kind.KIND_CPU;
                            case CUDA -> ModelInstanceGroup.Kind.KIND_GPU;
                        }));
        if (p.enabled()) {
            b.setDynamicBatching(ModelDynamicBatching.newBuilder().addPreferredBatchSize(p.maxBatch())
                    .setMaxQueueDelayMicroseconds(TimeUnit.NANOSECONDS.toMicros(p.maxDelayNanos()))
                    .setPreserveOrdering(true)
                    .setDefaultQueuePolicy(ModelQueuePolicy.newBuilder().setMaxQueueSize(p.maxQueue())));
        }
        for (TensorSpec t : m.inputs()) {
            b.addInput(ModelInput.newBuilder().setName(t.name()).setDataType(dataType(t.datatype())).addAllDims(t.dims()));
        }
        for (TensorSpec t : m.outputs()) {
            b.addOutput(ModelOutput.newBuilder().setName(t.name()).setDataType(dataType(t.datatype())).addAllDims(t.dims()));
        }
        m.parameters().forEach((k, v) -> b.putParameters(k, ModelParameter.newBuilder().setStringValue(v).build()));
        return b.build();
    }

    private static DataType dataType(Datatype d) {
        return switch (d) {
            case FP32 -> DataType.TYPE_FP32;
            case FP64 -> DataType.TYPE_FP64;
            case INT32 -> DataType.TYPE_INT32;
            case INT64 -> DataType.TYPE_INT64;
        };
    }

    static ModelStatistics statistics(ModelKey served, TritonStatistics s) {
        return ModelStatistics.newBuilder().setName(served.name()).setVersion(served.version())
                .setLastInference(s.lastInferenceMillis()).setInferenceCount(s.inferenceCount())
                .setExecutionCount(s.executionCount())
                .setInferenceStats(InferStatistics.newBuilder()
                        .setSuccess(duration(s.success(), s.successNanos()))
                        .setFail(duration(s.failure(), s.failureNanos()))
                        .setQueue(duration(s.queued(), s.queueNanos()))
                        .setComputeInfer(duration(s.computed(), s.computeNanos())))
                .build();
    }

    private static StatisticDuration duration(long count, long nanos) {
        return StatisticDuration.newBuilder().setCount(count).setNs(nanos).build();
    }

    static RepositoryIndexResponse.ModelIndex index(IndexEntry e) {
        return RepositoryIndexResponse.ModelIndex.newBuilder().setName(e.name()).setVersion(e.version()).setState(e.state())
                .setReason(e.reason()).build();
    }
}
