/** Linear probes: how linearly separable the classes are in a representation (a standard test of embeddings). */
package org.l1embed.analysis.probe;
