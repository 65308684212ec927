/** REST endpoints ({@code /api/...}): JSON views of the service's state. */
package org.l1embed.service.rest;
