/**
 * Funnel analytics: the funnel, conversion between stages, time in stage, win rates, deal size and the sales
 * cycle, computed in the database from the stage ledger and the deals as docs/metrics.md defines them, within
 * what the caller may see.
 */
package dev.funnel.analytics;
