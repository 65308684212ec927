/**
 * Fixed-point number formats with the exact semantics of the vendor's {@code ap_fixed}/{@code ap_ufixed}:
 * the type ({@link org.l1embed.quantization.fixed.FixedType}), its rounding and overflow modes, conversions
 * ({@link org.l1embed.quantization.fixed.Conversion}) and exact arithmetic on raw values
 * ({@link org.l1embed.quantization.fixed.FixedMath}).
 *
 * <p>This is the one definition of each number format in l1embed (DESIGN invariant 2): training, export and
 * the service call it. Nothing here knows about networks, files or frameworks.
 */
package org.l1embed.quantization.fixed;
