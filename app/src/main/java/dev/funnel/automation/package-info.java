/**
 * Automation: the built-in rules that notice stalled deals, passed close dates, silent customers, slipping tasks
 * and waiting registrations, and remind the right people — each once per occurrence, on a schedule that is safe
 * with several app instances (db-scheduler), or by hand from Admin &gt; Automation.
 */
package dev.funnel.automation;
