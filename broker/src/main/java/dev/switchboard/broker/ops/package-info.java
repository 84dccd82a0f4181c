/**
 * Operations: health, metrics, and later the resources API and status page. It observes every stage and
 * is wired only by {@code app}.
 */
package dev.switchboard.broker.ops;
