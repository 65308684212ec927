package org.l1embed.service.rest;

import static org.l1embed.service.errors.ServiceException.invalidArgument;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;
import org.l1embed.service.batching.DynamicBatcher;
import org.l1embed.service.errors.ServiceException;
import org.l1embed.service.health.ModelsReadiness;
import org.l1embed.service.kserve.InferRequest;
import org.l1embed.service.kserve.InferResponse;
import org.l1embed.service.kserve.KServeInference;
import org.l1embed.service.kserve.ServedModelInfo;
import org.l1embed.service.kserve.ServedModels;
import org.l1embed.service.kserve.TensorCodec;
import org.l1embed.service.kserve.TensorSpec;

/**
 * The HTTP/REST form of the standard inference protocol (KServe v2) under {@code /v2}: health, server and model
 * metadata, model readiness and inference with JSON tensors. The same models, checks, batcher and metrics as the gRPC
 * form ({@link ServedModels}, {@link KServeInference}). Errors answer {@code {"error": "..."}} with 400 (bad request),
 * 404 (unknown model or version), 503 (loading, queue full), 504 (deadline) or 500.
 */
@Path("/v2")
@Produces(MediaType.APPLICATION_JSON)
public class KServeResource {

    private static final Logger LOG = Logger.getLogger(KServeResource.class);

    /** {@code {"name","datatype","shape"}} of a tensor, batch dimension -1. */
    public record TensorJson(String name, String datatype, List<Long> shape) {
    }

    /** A model's metadata. */
    public record MetadataJson(String name, List<String> versions, String platform, List<TensorJson> inputs,
            List<TensorJson> outputs) {
    }

    /** The server's metadata. */
    public record ServerJson(String name, String version, List<String> extensions) {
    }

    /** One input of an inference request; {@code data} is flat or nested row-major arrays of numbers. */
    public record InputJson(String name, List<Long> shape, String datatype, JsonNode data) {
    }

    /** One requested output. */
    public record OutputRequestJson(String name) {
    }

    /** An inference request. */
    public record InferJson(String id, List<InputJson> inputs, List<OutputRequestJson> outputs) {
    }

    /** One output of an inference response: {@code data} flat, row-major. */
    public record OutputJson(String name, String datatype, List<Long> shape, Object data) {
    }

    /** An inference response. */
    public record ResponseJson(String model_name, String model_version, String id, List<OutputJson> outputs) {
    }

    private final ServedModels served;
    private final KServeInference inference;
    private final ModelsReadiness readiness;
    private final String version;

    public KServeResource(ServedModels served, KServeInference inference, @Readiness ModelsReadiness readiness,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.application.version",
                    defaultValue = "unknown") String version) {
        this.served = served;
        this.inference = inference;
        this.readiness = readiness;
        this.version = version;
    }

    @GET
    public ServerJson server() {
        return new ServerJson("l1embed", version, ServedModels.EXTENSIONS);
    }

    @GET
    @Path("/health/live")
    public Response live() {
        return Response.ok().build();
    }

    @GET
    @Path("/health/ready")
    public Response ready() {
        return readiness.call().getStatus() == HealthCheckResponse.Status.UP ? Response.ok().build()
                : Response.status(Response.Status.SERVICE_UNAVAILABLE).build();
    }

    @GET
    @Path("/models/{name}")
    public Response metadata(@PathParam("name") String name) {
        return metadata(name, "");
    }

    @GET
    @Path("/models/{name}/versions/{version}")
    public Response metadata(@PathParam("name") String name, @PathParam("version") String version) {
        return answer(() -> {
            try (ServedModels.Lease lease = served.acquire(name, version)) {
                ServedModelInfo m = served.describe(lease);
                return new MetadataJson(m.name(), m.versions(), m.platform(), tensors(m.inputs()), tensors(m.outputs()));
            }
        });
    }

    @GET
    @Path("/models/{name}/ready")
    public Response modelReady(@PathParam("name") String name) {
        return modelReady(name, "");
    }

    /** 200 when the model version can be called, 400 otherwise (as Triton answers). */
    @GET
    @Path("/models/{name}/versions/{version}/ready")
    public Response modelReady(@PathParam("name") String name, @PathParam("version") String version) {
        try (ServedModels.Lease lease = served.acquire(name, version)) {
            return Response.ok().build();
        } catch (ServiceException e) {
            return error(e);
        }
    }

    @POST
    @Path("/models/{name}/infer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    public Response infer(@PathParam("name") String name, InferJson body) {
        return infer(name, "", body);
    }

    @POST
    @Path("/models/{name}/versions/{version}/infer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    public Response infer(@PathParam("name") String name, @PathParam("version") String version, InferJson body) {
        return answer(() -> {
            if (body == null || body.inputs() == null) {
                throw invalidArgument("inputs: required, got none");
            }
            List<InferRequest.Input> inputs = new ArrayList<>();
            for (int i = 0; i < body.inputs().size(); i++) {
                InputJson in = body.inputs().get(i);
                List<Number> values = new ArrayList<>();
                flatten(in.data(), values, "inputs[" + i + "].data");
                inputs.add(new InferRequest.Input(String.valueOf(in.name()), String.valueOf(in.datatype()),
                        in.shape() == null ? List.of() : in.shape(), TensorCodec.numbers(values, "data"),
                        "inputs[" + i + "].data"));
            }
            List<String> outputs = body.outputs() == null ? List.of()
                    : body.outputs().stream().map(OutputRequestJson::name).toList();
            InferResponse r = join(inference.infer(new InferRequest(name, version, body.id() == null ? "" : body.id(),
                    inputs, outputs), DynamicBatcher.NO_DEADLINE, key -> { }));
            return new ResponseJson(r.modelName(), r.modelVersion(), r.id(), r.outputs().stream()
                    .map(o -> new OutputJson(o.name(), o.datatype().name(), o.shape(),
                            TensorCodec.array(o.littleEndian(), o.datatype()))).toList());
        });
    }

    private static List<TensorJson> tensors(List<TensorSpec> specs) {
        return specs.stream().map(t -> new TensorJson(t.name(), t.datatype().name(), t.batchedShape())).toList();
    }

    private static void flatten(JsonNode node, List<Number> out, String field) {
        if (node == null || node.isNull()) {
            throw invalidArgument(field + ": required, got none");
        }
        if (node.isArray()) {
            for (JsonNode child : node) {
                flatten(child, out, field);
            }
        } else if (node.isNumber()) {
            out.add(node.numberValue());
        } else {
            throw invalidArgument(field + ": expected numbers (flat or nested arrays), got " + node.getNodeType());
        }
    }

    private static <T> T join(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new CompletionException(e.getCause());
        }
    }

    private static Response answer(java.util.function.Supplier<Object> work) {
        try {
            return Response.ok(work.get()).build();
        } catch (ServiceException e) {
            return error(e);
        } catch (RuntimeException e) {
            LOG.errorf(e, "KServe REST request failed");
            return Response.serverError().entity(Map.of("error", e.getClass().getSimpleName() + ": " + e.getMessage()))
                    .type(MediaType.APPLICATION_JSON).build();
        }
    }

    private static Response error(ServiceException e) {
        int status = switch (e.kind()) {
            case INVALID_ARGUMENT, FAILED_PRECONDITION -> 400;
            case NOT_FOUND -> 404;
            case UNAVAILABLE, RESOURCE_EXHAUSTED -> 503;
            case DEADLINE_EXCEEDED -> 504;
        };
        return Response.status(status).entity(Map.of("error", e.getMessage())).type(MediaType.APPLICATION_JSON).build();
    }
}
