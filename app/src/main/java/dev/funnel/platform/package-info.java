/**
 * Cross-cutting building blocks every module may use: paging, the errors services throw, the clock, and the
 * database bootstrap. It depends on no feature module.
 */
package dev.funnel.platform;
