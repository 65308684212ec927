/**
 * Graph-building pieces shared by the TensorFlow Java graphs of the training module
 * ({@link org.l1embed.training.model.ContrastiveModel} and the nuisance fine-tuner): a registry of float
 * variables with their checkpoint names ({@link org.l1embed.training.model.graph.GraphVariables}), Dense
 * (+ BatchNorm) (+ LeakyReLU) blocks and their forward pass in training and inference mode
 * ({@link org.l1embed.training.model.graph.MlpBlock}, {@link org.l1embed.training.model.graph.MlpForward}),
 * initial values ({@link org.l1embed.training.model.graph.InitialValues}) and the Adam/AdamW update
 * ({@link org.l1embed.training.model.graph.AdamUpdate}).
 *
 * <p>Public so that sibling packages can build their graphs from the same pieces, but internal to the training
 * module: nothing outside {@code org.l1embed.training} should use it. Every piece builds the same float32 ops in
 * the same order as the graphs did before they shared it, so a graph built from them is bit-identical to one
 * written out by hand; change an expression here only together with the golden values that depend on it.
 *
 * <p>These types build graph ops and read or write variables through a caller's session; they own no graph or
 * session, run no training loop and know no losses. Their only dependencies inside the module are the parent
 * package's config records ({@link org.l1embed.training.model.ModelConfig},
 * {@link org.l1embed.training.model.OptimizerConfig}).
 */
package org.l1embed.training.model.graph;
