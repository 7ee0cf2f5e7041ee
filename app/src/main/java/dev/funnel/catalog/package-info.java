/** The product catalogue that opportunities sell from. */
package dev.funnel.catalog;
