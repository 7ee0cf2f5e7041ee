/**
 * Currencies: the company currency every total is shown in, and dated exchange rates into it. The database
 * converts each deal's amount where it is written (db-changelog 1.5/currencies.xml); this module keeps the rates
 * and asks for the conversion again whenever they change (docs/metrics.md, "Currencies").
 */
package dev.funnel.currency;
