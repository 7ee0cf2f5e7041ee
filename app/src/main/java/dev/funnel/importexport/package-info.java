/**
 * Import and export: spreadsheets (CSV in UTF-8 or GBK, Excel XLSX) into Funnel, column by column through a
 * mapping, checked row by row and written all-or-nothing or valid rows only; and any list out again.
 */
package dev.funnel.importexport;
