/**
 * Cross-cutting building blocks every module may use: paging, the errors services throw, the clock, and the
 * database bootstrap, and the shared UI pieces (forms' error display, paged grids, the export menu, searchable
 * lists). It depends on no feature module. An open module: every module may use all of its packages.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.funnel.platform;
