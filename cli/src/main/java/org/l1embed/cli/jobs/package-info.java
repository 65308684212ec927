/**
 * Jobs that chain modules (data → training → analysis → bundle): the work behind commands such as
 * {@code l1embed train}. Each job is a plain class the commands (and later the pipeline) call; commands only parse
 * options and print.
 */
package org.l1embed.cli.jobs;
