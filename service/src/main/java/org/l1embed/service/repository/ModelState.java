package org.l1embed.service.repository;

/** Where a model version of the repository stands. */
public enum ModelState {
    /** Being read and verified; requests get UNAVAILABLE. */
    LOADING,
    /** Serving requests. */
    READY,
    /** The bundle was refused or could not be opened; requests get FAILED_PRECONDITION with the reason. */
    FAILED,
    /** Found in the repository directory but not loaded (unloaded on request); requests get NOT_FOUND. */
    UNLOADED
}
