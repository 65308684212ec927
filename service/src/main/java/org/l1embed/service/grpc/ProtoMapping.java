package org.l1embed.service.grpc;

import org.l1embed.proto.v1.AcceptedShape;
import org.l1embed.proto.v1.InferenceDevice;
import org.l1embed.proto.v1.InputSchema;
import org.l1embed.proto.v1.LayerDescription;
import org.l1embed.proto.v1.ModelDescription;
import org.l1embed.proto.v1.ModelRef;
import org.l1embed.proto.v1.ModelState;
import org.l1embed.proto.v1.ModelStatus;
import org.l1embed.proto.v1.Provenance;
import org.l1embed.proto.v1.TensorType;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.quantization.network.InputSpec;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.service.events.TensorLayout;
import org.l1embed.service.repository.LoadedModel;
import org.l1embed.service.repository.ModelKey;

/** Domain values → protobuf messages. Pure functions. */
final class ProtoMapping {

    private ProtoMapping() {
    }

    static ModelRef ref(ModelKey key) {
        return ModelRef.newBuilder().setName(key.name()).setVersion(key.version()).build();
    }

    static InferenceDevice device(org.l1embed.inference.InferenceDevice device) {
        return switch (device) {
            case CPU -> InferenceDevice.INFERENCE_DEVICE_CPU;
            case CUDA -> InferenceDevice.INFERENCE_DEVICE_CUDA;
        };
    }

    static ModelState state(org.l1embed.service.repository.ModelState state) {
        return switch (state) {
            case LOADING -> ModelState.MODEL_STATE_LOADING;
            case READY -> ModelState.MODEL_STATE_READY;
            case FAILED -> ModelState.MODEL_STATE_FAILED;
            case UNLOADED -> ModelState.MODEL_STATE_UNLOADED;
        };
    }

    static ModelStatus status(org.l1embed.service.repository.ModelStatus s) {
        return ModelStatus.newBuilder()
                .setModel(ref(s.key()))
                .setState(state(s.state()))
                .setQuantized(s.quantized())
                .setLatest(s.latest())
                .setMessage(s.message())
                .build();
    }

    /** The description of a ready model. */
    static ModelDescription description(LoadedModel model) {
        ModelBundle bundle = model.bundle();
        NetworkSpec spec = bundle.network();
        ModelDescription.Builder b = ModelDescription.newBuilder()
                .setModel(ref(model.key()))
                .setState(ModelState.MODEL_STATE_READY)
                .setNetworkName(spec.name())
                .setInput(input(spec.input(), model))
                .setLatentSize(spec.outputSize())
                .setQuantized(spec.isQuantized())
                .setOutputType(spec.isQuantized() ? spec.outputType().toString() : "")
                .setProvenance(provenance(bundle.provenance()))
                .putAllChecksums(bundle.checksums())
                .addAllNotes(bundle.networkNotes());
        for (Layer layer : spec.layers()) {
            LayerDescription.Builder l = LayerDescription.newBuilder()
                    .setName(layer.name())
                    .setKind(layer.kind().jsonName())
                    .setInputs(layer.inputSize())
                    .setOutputs(layer.outputSize())
                    .setResultType(layer.outputType().map(Object::toString).orElse(""));
            for (Layer.NamedType t : layer.types()) {
                l.addTypes(TensorType.newBuilder().setRole(t.role()).setType(t.type().toString()));
            }
            b.addLayers(l);
        }
        return ScoreMapping.describe(b, model).build();
    }

    private static InputSchema input(InputSpec input, LoadedModel model) {
        InputSchema.Builder b = InputSchema.newBuilder()
                .addAllShape(input.shape())
                .setSize(input.size())
                .setPreprocessing(input.preprocessing().kind())
                .setFixedType(input.fixedType().map(Object::toString).orElse(""))
                .setAcceptsStructured(model.input().takesAdcFeatures());
        for (TensorLayout layout : model.input().acceptedLayouts()) {
            b.addAcceptedShapes(AcceptedShape.newBuilder().addAllDims(layout.dims()).setDescription(layout.description()));
        }
        return b.build();
    }

    private static Provenance provenance(org.l1embed.quantization.bundle.Provenance p) {
        return Provenance.newBuilder()
                .setCodeVersion(p.codeVersion())
                .setCreatedAt(p.createdAt().toString())
                .setDatasetFingerprint(p.datasetFingerprint())
                .putAllSeeds(p.seeds())
                .setTrainingConfigJson(p.trainingConfig().toString())
                .setMetricsJson(p.metrics().toString())
                .build();
    }
}
