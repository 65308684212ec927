package org.l1embed.service.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.l1embed.service.repository.ModelRepository;
import org.l1embed.service.repository.ModelState;

/**
 * Readiness ({@code /q/health/ready}): up once the start-up load of the model repository has finished and at least one
 * model is ready; the data counts the model versions per state. A refused bundle does not make the service unready
 * (the others still serve); it shows in the counts and in {@code ModelService.List}.
 */
@Readiness
@ApplicationScoped
public class ModelsReadiness implements HealthCheck {

    private final ModelRepository models;

    public ModelsReadiness(ModelRepository models) {
        this.models = models;
    }

    @Override
    public HealthCheckResponse call() {
        Map<ModelState, Long> counts = models.counts();
        long ready = counts.getOrDefault(ModelState.READY, 0L);
        HealthCheckResponseBuilder b = HealthCheckResponse.named("models").status(models.started() && ready > 0)
                .withData("repository", models.root().toString());
        for (ModelState state : ModelState.values()) {
            b.withData(state.name().toLowerCase(java.util.Locale.ROOT), counts.getOrDefault(state, 0L));
        }
        return b.build();
    }
}
