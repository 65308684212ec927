package org.l1embed.service.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.l1embed.service.repository.ModelRepository;

/**
 * {@code /api/models}: the model repository as JSON, for people and dashboards (the gRPC ModelService is the full
 * interface). Each entry: {@code name}, {@code version}, {@code state}, {@code quantized}, {@code latest},
 * {@code message}.
 */
@Path("/api/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    /** One model version as JSON. */
    public record ModelJson(String name, String version, String state, boolean quantized, boolean latest, String message) {
    }

    private final ModelRepository models;

    public ModelsResource(ModelRepository models) {
        this.models = models;
    }

    /** Every model version, sorted by name, then version order. */
    @GET
    public List<ModelJson> all() {
        return json("");
    }

    /** The versions of one model (an empty list when the repository has none). */
    @GET
    @Path("/{name}")
    public List<ModelJson> versions(@PathParam("name") String name) {
        return json(name);
    }

    private List<ModelJson> json(String name) {
        return models.list(name).stream().map(s -> new ModelJson(s.key().name(), s.key().version(),
                s.state().name(), s.quantized(), s.latest(), s.message())).toList();
    }
}
