/**
 * The model repository: versioned bundle directories verified and opened at start-up, looked up lock-free by
 * requests, and swapped atomically on load, unload and reload without dropping requests in flight.
 */
package org.l1embed.service.repository;
