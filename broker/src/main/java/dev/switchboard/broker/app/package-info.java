/**
 * The application: the command line and the wiring of every stage into one running server. Nothing
 * depends on it.
 */
package dev.switchboard.broker.app;
