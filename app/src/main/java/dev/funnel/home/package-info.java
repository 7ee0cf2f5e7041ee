/**
 * The home page (工作台): what needs doing today for the person signed in — a rep's tasks, stalled deals, deals
 * closing this month and target; a manager's team funnel, stalled deals by rep, forecast against target and
 * registrations waiting. It only reads, through the other modules' services.
 */
package dev.funnel.home;
