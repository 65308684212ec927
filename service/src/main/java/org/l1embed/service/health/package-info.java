/** Health checks for Kubernetes probes ({@code /q/health/live}, {@code /q/health/ready}). */
package org.l1embed.service.health;
