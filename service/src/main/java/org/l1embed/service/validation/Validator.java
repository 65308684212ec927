package org.l1embed.service.validation;

import static org.l1embed.service.errors.ServiceException.failedPrecondition;

import jakarta.enterprise.context.ApplicationScoped;
import org.l1embed.events.EventLayout;
import org.l1embed.inference.FixedModel;
import org.l1embed.inference.validation.TestbenchResult;
import org.l1embed.inference.validation.Thresholds;
import org.l1embed.inference.validation.Validation;
import org.l1embed.inference.validation.ValidationReport;
import org.l1embed.service.errors.ServiceException;
import org.l1embed.service.metrics.ServiceMetrics;
import org.l1embed.service.repository.LoadedModel;

/**
 * The service's side of validating a quantized model ({@link Validation}): the loaded model's ONNX Runtime session and
 * emulator, events given in the request or generated, the bundle's stored testbench vectors, and the service's
 * emulation-mismatch counter. Every mismatching stored output is counted there ({@link ServiceMetrics#emulationMismatches};
 * Prometheus {@code l1embed_emulation_mismatches_total}), tagged with the model's name and version.
 */
@ApplicationScoped
public class Validator {

    private final ServiceMetrics metrics;

    public Validator(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Runs a validation.
     *
     * @throws ServiceException FAILED_PRECONDITION for a float model, or generated events for a model whose input is not
     *                          the 57 ADC2021 network features
     */
    public ValidationReport validate(LoadedModel model, EventSource source, Thresholds thresholds) {
        FixedModel fixed = model.fixedModel().orElseThrow(() -> failedPrecondition(model.key().label()
                + " is a float model (network '" + model.bundle().network().name() + "' has no fixed-point types); "
                + "validation compares a quantized bundle with its float network"));
        Validation v = new Validation(model.key().label(), model.floatModel(), fixed, model.bundle().network(),
                thresholds.agreementTolerance());
        if (source instanceof EventSource.Given g) {   // Java 17: no pattern switch over the sealed sources
            v.add(g.events());
        } else if (source instanceof EventSource.Generated g) {
            if (!model.input().takesAdcFeatures()) {
                throw failedPrecondition(model.key().label() + " takes " + model.input().size() + " input values, not the "
                        + EventLayout.NETWORK_FEATURES + " ADC2021 network features of generated events; send events instead");
            }
            Validation.generate(g.count(), g.seed(), v::add);
        } else {
            throw new IllegalStateException("unknown event source " + source);
        }
        TestbenchResult tb = model.testbench().map(t -> Validation.check(fixed, t)).orElse(TestbenchResult.absent());
        metrics.emulationMismatches(model.key(), tb.mismatchedOutputs());
        return v.report(tb, thresholds);
    }
}
