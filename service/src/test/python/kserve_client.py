#!/usr/bin/env python3
"""An independent KServe v2 / Triton gRPC client of the l1embed service, written as experiment software would write it.

Generates its stubs from the protocol files (grpc_tools.protoc), then calls ServerMetadata -> ModelMetadata ->
ModelConfig -> ModelInfer (plain and gzip-compressed) and compares the outputs with the values the Java test computed
in-process. Run by KServePythonClientTest:

    /usr/bin/python3 kserve_client.py --port P --dir D --proto PROTO_ROOT

D holds input.bin (N x 57 float32, little-endian), expected_latent.bin (N x L float32: ONNX Runtime on the float model),
expected_raw.bin (N x L int64: the emulator) and expected_values.bin (N x L float64), and meta.txt ("N L").
Exit status 0 when every check holds; otherwise a message on stderr and status 1.
"""
import argparse
import os
import struct
import sys


def fail(message):
    print("kserve_client: " + message, file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--proto", required=True)
    args = parser.parse_args()

    import grpc
    from grpc_tools import protoc

    gen = os.path.join(args.dir, "gen")
    os.makedirs(gen, exist_ok=True)
    files = ["inference/model_config.proto", "inference/grpc_service.proto"]
    status = protoc.main(["grpc_tools.protoc", "-I" + args.proto, "--python_out=" + gen, "--grpc_python_out=" + gen] + files)
    check(status == 0, "grpc_tools.protoc failed with status %d" % status)
    sys.path.insert(0, gen)
    from inference import grpc_service_pb2 as pb
    from inference import grpc_service_pb2_grpc as pb_grpc
    from inference import model_config_pb2 as config_pb

    with open(os.path.join(args.dir, "meta.txt")) as f:
        n, latent = (int(v) for v in f.read().split())
    with open(os.path.join(args.dir, "input.bin"), "rb") as f:
        raw_input = f.read()
    check(len(raw_input) == n * 57 * 4, "input.bin has %d bytes, expected %d" % (len(raw_input), n * 57 * 4))
    with open(os.path.join(args.dir, "expected_latent.bin"), "rb") as f:
        expected_latent = f.read()
    with open(os.path.join(args.dir, "expected_raw.bin"), "rb") as f:
        expected_raw = struct.unpack("<%dq" % (n * latent), f.read())
    with open(os.path.join(args.dir, "expected_values.bin"), "rb") as f:
        expected_values = struct.unpack("<%dd" % (n * latent), f.read())

    channel = grpc.insecure_channel("localhost:%d" % args.port)
    stub = pb_grpc.GRPCInferenceServiceStub(channel)

    server = stub.ServerMetadata(pb.ServerMetadataRequest(), timeout=30)
    check(server.name == "l1embed", "server name %r" % server.name)
    for extension in ("model_configuration", "statistics", "model_repository"):
        check(extension in server.extensions, "extension %s missing from %s" % (extension, list(server.extensions)))

    for model in ("adc_float", "adc_q_emulated"):
        meta = stub.ModelMetadata(pb.ModelMetadataRequest(name=model), timeout=30)
        check(meta.name == model, "metadata name %r" % meta.name)
        check(len(meta.inputs) == 1 and meta.inputs[0].name == "events" and meta.inputs[0].datatype == "FP32"
              and list(meta.inputs[0].shape) == [-1, 57], "metadata inputs of %s: %s" % (model, meta.inputs))
        config = stub.ModelConfig(pb.ModelConfigRequest(name=model), timeout=30).config
        check(config.name == model, "config name %r" % config.name)
        check(config.max_batch_size >= n, "max_batch_size %d < %d" % (config.max_batch_size, n))
        check(list(config.input[0].dims) == [57], "config input dims %s" % list(config.input[0].dims))
        check(config.input[0].data_type == config_pb.TYPE_FP32, "config input type %s" % config.input[0].data_type)
        check(config.HasField("dynamic_batching"), "config of %s has no dynamic_batching" % model)

    def request(model, request_id):
        tensor = pb.ModelInferRequest.InferInputTensor(name="events", datatype="FP32", shape=[n, 57])
        return pb.ModelInferRequest(model_name=model, id=request_id, inputs=[tensor], raw_input_contents=[raw_input])

    for compression in (None, grpc.Compression.Gzip):
        response = stub.ModelInfer(request("adc_float", "py-float"), timeout=30, compression=compression)
        check(response.id == "py-float", "id %r" % response.id)
        check(response.model_name == "adc_float" and response.model_version == "1",
              "model %s version %s" % (response.model_name, response.model_version))
        check([o.name for o in response.outputs] == ["latent"], "outputs %s" % [o.name for o in response.outputs])
        check(response.outputs[0].datatype == "FP32" and list(response.outputs[0].shape) == [n, latent],
              "output %s" % response.outputs[0])
        check(response.raw_output_contents[0] == expected_latent, "float latents differ from ONNX Runtime's in-process bits")

        response = stub.ModelInfer(request("adc_q_emulated", "py-emulated"), timeout=30, compression=compression)
        check([o.name for o in response.outputs] == ["latent", "latent_raw"], "outputs %s" % [o.name for o in response.outputs])
        check(response.outputs[1].datatype == "INT64", "raw datatype %s" % response.outputs[1].datatype)
        values = struct.unpack("<%dd" % (n * latent), response.raw_output_contents[0])
        raw = struct.unpack("<%dq" % (n * latent), response.raw_output_contents[1])
        check(raw == expected_raw, "emulated raw outputs differ from the emulator's")
        check(values == expected_values, "emulated values differ from the emulator's")

    try:
        stub.ModelInfer(request("nope", "x"), timeout=30)
        fail("an unknown model was answered")
    except grpc.RpcError as e:
        check(e.code() == grpc.StatusCode.NOT_FOUND, "unknown model: %s %s" % (e.code(), e.details()))
    print("kserve_client: %d events, float and emulated, plain and gzip: all checks hold" % n)


if __name__ == "__main__":
    main()
