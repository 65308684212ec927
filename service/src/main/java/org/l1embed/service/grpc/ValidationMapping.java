package org.l1embed.service.grpc;

import static org.l1embed.service.errors.ServiceException.invalidArgument;

import org.l1embed.inference.validation.TestbenchResult;
import org.l1embed.inference.validation.Thresholds;
import org.l1embed.inference.validation.ValidationReport;
import org.l1embed.proto.v1.LayerReport;
import org.l1embed.proto.v1.OutputDifference;
import org.l1embed.proto.v1.TestbenchCheck;
import org.l1embed.proto.v1.ValidateRequest;
import org.l1embed.proto.v1.ValidateResponse;
import org.l1embed.proto.v1.ValidationThresholds;
import org.l1embed.proto.v1.Verdict;
import org.l1embed.service.events.EventDecoder;
import org.l1embed.service.repository.LoadedModel;
import org.l1embed.service.repository.ModelLease;
import org.l1embed.service.repository.ModelRepository;
import org.l1embed.service.validation.EventSource;
import org.l1embed.service.validation.Validator;

/** Validate: request → thresholds and event source → {@link Validator} → response. */
final class ValidationMapping {

    private ValidationMapping() {
    }

    /** The whole call. Thresholds are checked before the model is looked up. */
    static ValidateResponse validate(ModelRepository models, Validator validator, ValidateRequest request) {
        Thresholds thresholds = thresholds(request.getThresholds());
        try (ModelLease lease = models.acquire(request.getModel().getName(), request.getModel().getVersion(), "model")) {
            LoadedModel model = lease.model();
            EventSource source = switch (request.getSourceCase()) {
                case EVENTS -> new EventSource.Given(EventDecoder.decode(request.getEvents(), model.input(), "events"));
                case GENERATED -> new EventSource.Generated(request.getGenerated().getCount(), request.getGenerated().getSeed());
                case SOURCE_NOT_SET -> throw invalidArgument("source: required, one of 'events' (given events) or 'generated' "
                        + "(events the server generates), got neither");
            };
            return response(model, validator.validate(model, source, thresholds));
        }
    }

    /** @throws org.l1embed.service.errors.ServiceException INVALID_ARGUMENT naming {@code thresholds.<field>} */
    static Thresholds thresholds(ValidationThresholds t) {
        try {
            return new Thresholds(t.hasMaxAbsDiff() ? t.getMaxAbsDiff() : null, t.hasMeanAbsDiff() ? t.getMeanAbsDiff() : null,
                    t.hasTolerance() ? t.getTolerance() : null, t.hasMinAgreementRate() ? t.getMinAgreementRate() : null,
                    t.hasMaxOverflows() ? t.getMaxOverflows() : null, t.getRequireTestbenchBitExact(), Thresholds.REQUEST_FIELDS);
        } catch (IllegalArgumentException e) {
            throw invalidArgument(e.getMessage());
        }
    }

    private static ValidateResponse response(LoadedModel model, ValidationReport r) {
        ValidateResponse.Builder b = ValidateResponse.newBuilder()
                .setModel(ProtoMapping.ref(model.key()))
                .setEvents(r.events())
                .setTolerance(r.tolerance())
                .setAgreementRate(r.agreementRate())
                .setInputOverflows(r.inputOverflows())
                .setTestbench(testbench(r.testbench()))
                .setVerdict(r.passed() ? Verdict.VERDICT_PASS : Verdict.VERDICT_FAIL)
                .addAllFailures(r.failures());
        double[] max = r.maxAbsDiff();
        double[] mean = r.meanAbsDiff();
        for (int j = 0; j < max.length; j++) {
            b.addOutputs(OutputDifference.newBuilder().setIndex(j).setMaxAbsDiff(max[j]).setMeanAbsDiff(mean[j]));
        }
        for (ValidationReport.LayerOverflows l : r.layers()) {
            b.addLayers(LayerReport.newBuilder().setName(l.name()).setKind(l.kind().jsonName()).setResultType(l.resultType().toString())
                    .setSize(l.size()).setAccumulatorOverflows(l.accumulatorOverflows()).setResultOverflows(l.resultOverflows()));
        }
        return b.build();
    }

    private static TestbenchCheck testbench(TestbenchResult t) {
        return TestbenchCheck.newBuilder().setPresent(t.present()).setVectors(t.vectors()).setMismatches(t.mismatches())
                .setBitExact(t.bitExact()).setOutputsCompared(t.outputsCompared()).setMismatchedOutputs(t.mismatchedOutputs())
                .setInputMismatches(t.inputMismatches()).build();
    }
}
