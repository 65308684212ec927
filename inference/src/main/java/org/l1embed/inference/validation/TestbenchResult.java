package org.l1embed.inference.validation;

/**
 * The service's emulation path against a bundle's stored testbench vectors.
 *
 * @param present           the bundle stores testbench vectors; when false every count is 0
 * @param vectors           events checked
 * @param mismatches        events with at least one raw output that differs from the stored one
 * @param outputsCompared   raw outputs compared
 * @param mismatchedOutputs raw outputs that differ
 * @param inputMismatches   network input values (after preprocessing) whose float32 bits differ from the stored ones
 */
public record TestbenchResult(boolean present, int vectors, int mismatches, long outputsCompared, long mismatchedOutputs,
                              long inputMismatches) {

    /** The result for a bundle without testbench vectors. */
    public static TestbenchResult absent() {
        return new TestbenchResult(false, 0, 0, 0, 0, 0);
    }

    /** Present, and every input and output reproduced bit for bit. */
    public boolean bitExact() {
        return present && mismatchedOutputs == 0 && inputMismatches == 0;
    }
}
