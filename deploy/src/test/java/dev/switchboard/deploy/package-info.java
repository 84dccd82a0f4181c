/**
 * Checks of what {@code deploy/} ships: the container image tar (its config, and its root filesystem run
 * without Docker), the compose file and the Kubernetes manifests with the files they reference. They read the
 * files as a deployment tool would and assert the references between them hold, so a rename breaks a test.
 */
package dev.switchboard.deploy;
