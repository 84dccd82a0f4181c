/**
 * The measuring instruments shared by the generator, the receiver and the baseline: latency histograms
 * sampled per second, percentile summaries and the ledger-against-receipts reconciliation. Values here are
 * plain records that the report renders.
 */
package dev.switchboard.loadtest.measure;
