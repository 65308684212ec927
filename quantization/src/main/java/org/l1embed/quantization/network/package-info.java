/**
 * The network description ({@link org.l1embed.quantization.network.NetworkSpec}) that training, export, the
 * service and analysis exchange: layers, weights, preprocessing and per-tensor fixed-point types; its JSON form
 * ({@link org.l1embed.quantization.network.NetworkJson}); and the named passes that transform it
 * ({@link org.l1embed.quantization.network.BatchNormFolding}, {@link org.l1embed.quantization.network.AccumulatorRule}).
 *
 * <p>Specs are immutable; passes return new specs. Nothing here runs a network (see the emulator package)
 * or depends on a training framework or a firmware backend.
 */
package org.l1embed.quantization.network;
