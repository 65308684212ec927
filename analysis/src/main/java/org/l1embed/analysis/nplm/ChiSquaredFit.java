package org.l1embed.analysis.nplm;

/**
 * The maximum-likelihood fit of a χ²_k distribution to null-toy values of t.
 *
 * @param degreesOfFreedom  k̂, solving ψ(k/2) = mean ln(t/2) over the fitted values
 * @param standardError     its asymptotic standard error 2/√(n·ψ'(k̂/2)) from the Fisher information
 * @param used              the number of values fitted (those with t &gt; 0)
 * @param excluded          the number left out because t ≤ 0 (the χ² density has no support there)
 */
public record ChiSquaredFit(double degreesOfFreedom, double standardError, int used, int excluded) {
}
