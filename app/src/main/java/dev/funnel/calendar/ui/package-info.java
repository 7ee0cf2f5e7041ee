/** The module's view: the shell's user menu links to it (a named interface, like every module's views). */
@org.springframework.modulith.NamedInterface("ui")
package dev.funnel.calendar.ui;
