/** Anomaly scores fitted on background samples only (never on the data being tested). */
package org.l1embed.analysis.score;
