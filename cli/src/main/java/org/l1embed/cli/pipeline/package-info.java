/**
 * {@code l1embed pipeline}: the stages of the whole chain in one run directory, resumable by stage keys, and the static
 * HTML report of a run. Stages call the jobs of {@code cli.jobs} and hls-export; nothing here recomputes their results.
 */
package org.l1embed.cli.pipeline;
