#!/usr/bin/env python3
"""Embed events with a running l1embed service: one l1embed.v1.EmbeddingService/Embed call over gRPC.

What experiment software does, in a few lines: generate the stubs from the service's protocol files, pack the events
as one little-endian float32 tensor [N, 57] (the ADC2021 network features: 19 objects x (pT, eta, phi), object-major),
call Embed, and read the latent vectors, the anomaly scores and the trigger decisions.

    python3 examples/clients/embed.py                       # localhost:8080, model l1embed, examples/clients/events.csv
    python3 examples/clients/embed.py --target host:9000 --model adc --version 2 --events my_events.csv --json

Needs Python's grpcio and grpcio-tools (Debian: python3-grpcio python3-grpc-tools). Exit status 0 on success; on an
error the gRPC status and its message (which names the field, the value and what was expected) on stderr, status 1.
"""
import argparse
import json
import os
import struct
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FEATURES = 57


def read_events(path):
    """Rows of 57 comma-separated numbers; blank lines and '#' comments skipped."""
    rows = []
    with open(path) as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            values = [float(v) for v in line.split(",")]
            if len(values) != FEATURES:
                sys.exit("embed.py: %s line %d: expected %d values (19 objects x (pT, eta, phi)), got %d"
                         % (path, number, FEATURES, len(values)))
            rows.append(values)
    if not rows:
        sys.exit("embed.py: %s: no events" % path)
    return rows


def stubs(proto_root):
    """Generates the Python stubs of the l1embed.v1 protocol into a temporary directory and imports them."""
    from grpc_tools import protoc
    out = tempfile.mkdtemp(prefix="l1embed-stubs-")
    files = ["l1embed/v1/common.proto", "l1embed/v1/embedding.proto"]
    if protoc.main(["grpc_tools.protoc", "-I" + proto_root, "--python_out=" + out, "--grpc_python_out=" + out] + files) != 0:
        sys.exit("embed.py: generating stubs from %s failed" % proto_root)
    sys.path.insert(0, out)
    from l1embed.v1 import common_pb2, embedding_pb2, embedding_pb2_grpc
    return common_pb2, embedding_pb2, embedding_pb2_grpc


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--target", default="localhost:8080", help="host:port of the service's gRPC endpoint")
    parser.add_argument("--model", default="l1embed", help="model name in the repository")
    parser.add_argument("--version", default="", help="model version (default: the latest ready one)")
    parser.add_argument("--events", default=os.path.join(HERE, "events.csv"), help="CSV of events, 57 values per row")
    parser.add_argument("--proto", default=os.path.join(HERE, "..", "..", "proto", "src", "main", "proto"),
                        help="root of the .proto files")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of a table")
    parser.add_argument("--timeout", type=float, default=30.0, help="deadline of the call in seconds")
    args = parser.parse_args()

    import grpc
    common_pb2, embedding_pb2, embedding_pb2_grpc = stubs(os.path.normpath(args.proto))
    rows = read_events(args.events)
    tensor = common_pb2.PackedTensor(shape=[len(rows), FEATURES],
                                     data=struct.pack("<%df" % (len(rows) * FEATURES), *[v for r in rows for v in r]))
    request = embedding_pb2.EmbedRequest(model=common_pb2.ModelRef(name=args.model, version=args.version),
                                         events=common_pb2.EventBatch(tensor=tensor), request_id="embed.py")
    with grpc.insecure_channel(args.target) as channel:
        try:
            response = embedding_pb2_grpc.EmbeddingServiceStub(channel).Embed(request, timeout=args.timeout)
        except grpc.RpcError as e:
            print("embed.py: %s: %s" % (e.code().name, e.details()), file=sys.stderr)
            return 1

    n, latent = response.latents.shape
    values = struct.unpack("<%df" % (n * latent), response.latents.data)
    latents = [list(values[e * latent:(e + 1) * latent]) for e in range(n)]
    acceptances = list(response.anomaly_decisions.background_acceptances)
    passed = list(response.anomaly_decisions.passed)
    result = {
        "model": response.model.name,
        "version": response.model.version,
        "device": embedding_pb2.InferenceDevice.Name(response.device).replace("INFERENCE_DEVICE_", ""),
        "request_id": response.request_id,
        "latents": latents,
        "anomaly_scores": list(response.anomaly_scores),
        "background_acceptances": acceptances,
        "fires": [passed[e * len(acceptances):(e + 1) * len(acceptances)] for e in range(n)] if acceptances else [],
    }
    if args.json:
        print(json.dumps(result))
        return 0
    print("model %s version %s on %s: %d events -> %d latent dimensions"
          % (result["model"], result["version"], result["device"], n, latent))
    for e in range(n):
        line = "event %d: latent [%s]" % (e, ", ".join("%+.5f" % v for v in latents[e]))
        if result["anomaly_scores"]:
            line += "  score %.4g" % result["anomaly_scores"][e]
        if acceptances:
            line += "  fires at acceptance " + (", ".join("%g" % a for a, p in zip(acceptances, result["fires"][e]) if p) or "none")
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
